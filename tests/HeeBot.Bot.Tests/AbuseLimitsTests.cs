using System.Net;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary>Per-client limits on /api/messages (local mode) and /api/search.</summary>
public sealed class AbuseLimitsTests
{
    [Fact]
    public async Task TooManyMessagesOrSearchesFromOneClient_Get429WithRetryAfter_AndTheOtherEndpointsKeepServing()
    {
        await using var bot = BotApplication.WithArticle(("RateLimits:MessagesPerMinute", "5"), ("RateLimits:SearchPerMinute", "5"));
        using var client = bot.CreateClient();
        var question = Activities.EmulatorMessage(bot.BaseAddress.ToString(), "What is HEE?");

        var messages = new List<HttpStatusCode>();
        var searches = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            messages.Add((await client.AskAsync(question)).Response.StatusCode);
            searches.Add((await client.GetAsync("/api/search?q=HEE")).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], messages);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], searches);
        using var refused = await client.GetAsync("/api/search?q=HEE");
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

}

/// <summary>The headers every response carries.</summary>
public sealed class SecurityHeadersTests(LocalBot bot) : IClassFixture<LocalBot>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api/search?q=HEE")]
    [InlineData("/healthz")]
    [InlineData("/embed.js")]
    public async Task Responses_CarryTheSecurityHeaders(string path)
    {
        using var client = bot.App.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("microphone=()", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("same-origin", response.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
    }
}
