using System.Net;
using System.Text;
using HeeBot.BotFramework.Authentication;
using HeeBot.BotFramework.Connector;
using HeeBot.BotFramework.Hosting;
using HeeBot.BotFramework.Schema;
using HeeBot.BotFramework.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace HeeBot.BotFramework.Tests;

/// <summary>The Connector client as the bot registers it (resilience handler included), over a recording HTTP handler.</summary>
public sealed class ConnectorClientTests
{
    private static Activity Reply(string serviceUrl = "https://smba.trafficmanager.net/amer/") => new()
    {
        Type = "message",
        Text = "hi",
        ServiceUrl = serviceUrl,
        Conversation = new ConversationAccount { Id = "19:x@thread.tacv2;messageid=1" },
        ReplyToId = "1700000000000",
    };

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer/v3/conversations/a%3Ab%40c%3Bd%3De/activities/r%2F1")]
    [InlineData("https://smba.trafficmanager.net/amer", "https://smba.trafficmanager.net/amer/v3/conversations/a%3Ab%40c%3Bd%3De/activities/r%2F1")]
    [InlineData("http://localhost:5000", "http://localhost:5000/v3/conversations/a%3Ab%40c%3Bd%3De/activities/r%2F1")]
    public void ActivityUri_KeepsTheServiceUrlPathAndEscapesIds(string serviceUrl, string expected)
    {
        Assert.Equal(expected, ConnectorClient.ActivityUri(serviceUrl, "a:b@c;d=e", "r/1").AbsoluteUri);
    }

    [Fact]
    public void ActivityUri_WithoutReplyToId_SendsToTheConversation()
    {
        Assert.Equal("https://x.test/v3/conversations/c1/activities", ConnectorClient.ActivityUri("https://x.test/", "c1", null).AbsoluteUri);
    }

    [Fact]
    public async Task Send_PostsTheActivityWithTheTokenAndReturnsTheChannelsId()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK);
        var sender = Sender(handler, new FakeTokens());

        var response = await sender.SendAsync(Reply(), CancellationToken.None);

        Assert.Equal("channel-1", response.Id);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://smba.trafficmanager.net/amer/v3/conversations/19%3Ax%40thread.tacv2%3Bmessageid%3D1/activities/1700000000000", request.Uri);
        Assert.Equal("Bearer token-1", request.Authorization);
        Assert.Contains("\"text\":\"hi\"", request.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Created)]
    [InlineData(HttpStatusCode.Accepted)]
    public async Task Send_AcceptsEverySuccessStatusTheSdkAccepts(HttpStatusCode status)
    {
        await Sender(new RecordingHandler(status), new FakeTokens()).SendAsync(Reply(), CancellationToken.None);
    }

    [Fact]
    public async Task Send_WhenTheChannelFailsTransiently_RetriesWithBackoff()
    {
        var handler = new RecordingHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);

        await Sender(handler, new FakeTokens()).SendAsync(Reply(), CancellationToken.None);

        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Send_WhenTheTokenIsRefused_RetriesOnceWithAFreshToken()
    {
        var handler = new RecordingHandler(HttpStatusCode.Unauthorized, HttpStatusCode.OK);
        var tokens = new FakeTokens();

        await Sender(handler, tokens).SendAsync(Reply(), CancellationToken.None);

        Assert.Equal(["Bearer token-1", "Bearer token-2"], handler.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task Send_WhenTheChannelRejectsTheActivity_ThrowsWithItsStatusAndDoesNotRetry()
    {
        var handler = new RecordingHandler(HttpStatusCode.BadRequest);

        var e = await Assert.ThrowsAsync<ConnectorException>(() => Sender(handler, new FakeTokens()).SendAsync(Reply(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Send_InLocalMode_SendsNoTokenAndOnlyToLoopback()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK);
        var sender = Sender(handler, tokens: null, appId: string.Empty);

        await sender.SendAsync(Reply("http://localhost:3979/"), CancellationToken.None);
        await Assert.ThrowsAsync<ConnectorException>(() => sender.SendAsync(Reply("https://smba.trafficmanager.net/amer/"), CancellationToken.None));

        var request = Assert.Single(handler.Requests);
        Assert.Equal(string.Empty, request.Authorization);
    }

    private static IActivitySender Sender(RecordingHandler handler, IAccessTokenProvider? tokens, string appId = "app")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = appId, ["MicrosoftAppPassword"] = "secret" });
        builder.AddBotFramework<NoBot>();
        builder.Services.AddHttpClient(ConnectorClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        if (tokens is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(tokens));
        }

        return builder.Build().Services.GetRequiredService<IActivitySender>();
    }

    private sealed class NoBot : IBot
    {
        public Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class FakeTokens : IAccessTokenProvider
    {
        private int issued;

        public Task<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            if (forceRefresh || issued == 0)
            {
                issued++;
            }

            return Task.FromResult<string?>($"token-{issued}");
        }
    }

    private sealed record RecordedRequest(string Uri, string Authorization, string Body);

    private sealed class RecordingHandler(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        public List<RecordedRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new RecordedRequest(request.RequestUri!.AbsoluteUri, request.Headers.Authorization?.ToString() ?? string.Empty, body));
            var status = statuses[Math.Min(Requests.Count - 1, statuses.Length - 1)];
            return new HttpResponseMessage(status)
            {
                Content = new StringContent($"{{\"id\":\"channel-{Requests.Count}\"}}", Encoding.UTF8, "application/json"),
            };
        }
    }
}
