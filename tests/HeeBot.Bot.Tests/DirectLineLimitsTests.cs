using System.Net;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary>Abuse of the Direct Line endpoints gets 429 with Retry-After, and the page's Azure mode.</summary>
public sealed class DirectLineLimitsTests
{
    [Fact]
    public async Task TooManyRequestsFromOneClient_Get429WithRetryAfter()
    {
        await using var bot = BotApplication.WithArticle(("DirectLine:Secret", DirectLineBot.Secret), ("RateLimits:DirectLinePerMinute", "10"));
        using var http = bot.CreateClient();
        var client = new DirectLineClient(http);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await client.SendAsync(HttpMethod.Post, "/tokens/generate", DirectLineBot.Secret)).Status);
        }

        using var last = await http.PostAsync("/v3/directline/tokens/generate", null);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 10), statuses.Take(10));
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.InRange(int.Parse(last.Headers.GetValues("Retry-After").Single()), 1, 60);
    }

    [Fact]
    public async Task AzureMode_ThePageTokenComesFromAzureDirectLineAndTheSecretStaysOnTheServer()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var bot = BotApplication.WithArticle(
            ("WebChat:DirectLineSecret", FakeChannel.AzureDirectLineSecret),
            ("WebChat:DirectLineEndpoint", $"{channel.BaseUrl}/v3/directline"));
        using var http = bot.CreateClient();

        var response = await http.PostAsync("/api/directline/token", null);
        var body = await response.Content.ReadAsStringAsync();
        var page = await http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"token\":\"azure-token\"", body, StringComparison.Ordinal);
        Assert.Contains($"\"domain\":\"{channel.BaseUrl}/v3/directline\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeChannel.AzureDirectLineSecret, body, StringComparison.Ordinal);
        Assert.Contains($"connect-src 'self' {channel.BaseUrl}", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AzureMode_WhenAzureRefusesTheSecret_ThePageGets502()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var bot = BotApplication.WithArticle(
            ("WebChat:DirectLineSecret", "wrong-secret"),
            ("WebChat:DirectLineEndpoint", $"{channel.BaseUrl}/v3/directline"));
        using var http = bot.CreateClient();

        var response = await http.PostAsync("/api/directline/token", null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }
}
