using System.Net;
using System.Text;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary>Whatever arrives at /api/messages gets a defined status, and the bot keeps serving.</summary>
public sealed class BadRequestTests(LocalBot bot) : IClassFixture<LocalBot>
{
    public static TheoryData<string, string, HttpStatusCode> Requests => new()
    {
        { "{\"type\": \"message\", \"text\": ", "application/json", HttpStatusCode.BadRequest },
        { "not json at all", "application/json", HttpStatusCode.BadRequest },
        { "{\"text\": \"no type\"}", "application/json", HttpStatusCode.BadRequest },
        { "[1, 2, 3]", "application/json", HttpStatusCode.BadRequest },
        { "{\"type\": \"message\", \"text\": \"hi\"}", "text/plain", HttpStatusCode.UnsupportedMediaType },
        { "type=message", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType },
        { "{\"type\": \"message\", \"text\": \"" + new string('a', 1024 * 1024) + "\"}", "application/json", HttpStatusCode.RequestEntityTooLarge },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Post_WhenTheBodyIsNotAnAcceptableActivity_GetsADefinedStatusAndTheBotKeepsServing(string body, string contentType, HttpStatusCode expected)
    {
        using var client = bot.App.CreateClient();

        var response = await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(expected, response.StatusCode);
        var (ok, replies) = await client.AskAsync(Activities.EmulatorMessage(bot.Channel.ServiceUrl, "What is HEE?"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Single(replies);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task OtherMethods_Get405(string method)
    {
        using var client = bot.App.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/messages"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("shape of caring OR")]
    [InlineData("title:(x")]
    [InlineData("🙂\u0000\u001b[2J")]
    public async Task HostileQuestionText_GetsAnOrdinaryReply(string text)
    {
        using var client = bot.App.CreateClient();

        var (response, replies) = await client.AskAsync(Activities.EmulatorMessage(bot.Channel.ServiceUrl, text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(replies);
        Assert.NotEqual("Sorry, something went wrong on my side. Please try asking again.", reply.TryGetProperty("text", out var said) ? said.GetString() : reply.GetProperty("summary").GetString());
    }
}
