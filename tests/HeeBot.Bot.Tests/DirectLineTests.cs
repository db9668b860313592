using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary>The built-in Direct Line 3.0 channel, as Web Chat's client uses it, over HTTP and WebSocket.</summary>
public sealed class DirectLineTests(DirectLineBot bot) : IClassFixture<DirectLineBot>
{
    private DirectLineClient Client() => new(bot.App.CreateClient());

    [Fact]
    public async Task StartConversation_Returns201WithTokenExpiryAndAnAbsoluteStreamUrl_AndTheWelcome()
    {
        var client = Client();
        var (status, body) = await client.SendAsync(HttpMethod.Post, "/conversations", DirectLineBot.Secret, "{\"user\":{\"id\":\"user-1\"}}");

        Assert.Equal(HttpStatusCode.Created, status);
        var id = body.GetProperty("conversationId").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal((int)DirectLineBot.TokenLifetime.TotalSeconds, body.GetProperty("expires_in").GetInt32());
        Assert.StartsWith($"ws://{bot.App.BaseAddress.Authority}/v3/directline/conversations/{id}/stream?t=", body.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
        var (activities, _) = await client.ActivitiesAsync(id, body.GetProperty("token").GetString()!);
        var welcome = Assert.Single(activities);
        Assert.StartsWith("Hello! I'm HeeBot.", welcome.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("bot", welcome.GetProperty("from").GetProperty("role").GetString());
        Assert.False(welcome.TryGetProperty("replyToId", out _));
    }

    [Fact]
    public async Task PostedActivity_IsEchoedWithServerIdAndTimestamp_KeepingClientActivityIdAndRole_ThenAnswered()
    {
        var client = Client();
        var (conversation, token, _) = await client.StartAsync();
        var (_, watermark) = await client.ActivitiesAsync(conversation, token);

        var (status, posted) = await client.PostMessageAsync(conversation, token, "What is the Shape of Caring Review?", "client-echo-1");
        var (activities, _) = await client.ActivitiesAsync(conversation, token, watermark);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, activities.Count);
        var echo = activities[0];
        Assert.Equal(posted.GetProperty("id").GetString(), echo.GetProperty("id").GetString());
        Assert.Equal("client-echo-1", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal("user", echo.GetProperty("from").GetProperty("role").GetString());
        Assert.Equal("directline", echo.GetProperty("channelId").GetString());
        Assert.EndsWith("Z", echo.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
        var answer = activities[1];
        Assert.Equal(echo.GetProperty("id").GetString(), answer.GetProperty("replyToId").GetString());
        Assert.Equal("Shape of Caring Review", answer.GetProperty("attachments")[0].GetProperty("content").GetProperty("body")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Watermarks_AreOpaqueUrlSafeAndMonotonic_AndNothingIsReplayedTwice()
    {
        var client = Client();
        var (conversation, token, _) = await client.StartAsync();
        var (first, w1) = await client.ActivitiesAsync(conversation, token);
        await client.PostMessageAsync(conversation, token, "hello");
        var (second, w2) = await client.ActivitiesAsync(conversation, token, w1);
        var (again, w3) = await client.ActivitiesAsync(conversation, token, w2);

        Assert.Matches("^[0-9]+$", w1);
        Assert.True(long.Parse(w2) > long.Parse(w1));
        Assert.Equal(w2, w3);
        Assert.Empty(again);
        var ids = first.Concat(second).Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Reconnect_WithAWatermark_GivesAFreshStreamUrlAndTokenAndReplaysOnlyWhatCameAfter()
    {
        var client = Client();
        var (conversation, token, _) = await client.StartAsync();
        var (_, watermark) = await client.ActivitiesAsync(conversation, token);
        await client.PostMessageAsync(conversation, token, "thanks");

        var (status, body) = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversation}?watermark={watermark}", token);
        var (replayed, _) = await client.ActivitiesAsync(conversation, body.GetProperty("token").GetString()!, watermark);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"watermark={watermark}", body.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(["thanks", "You're welcome! Ask me anything else whenever you like."], replayed.Select(a => a.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Token_OpensOnlyItsOwnConversation()
    {
        var client = Client();
        var (mine, myToken, _) = await client.StartAsync("user-a");
        var (theirs, _, _) = await client.StartAsync("user-b");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, $"/conversations/{theirs}/activities", myToken)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostMessageAsync(theirs, myToken, "let me in")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, $"/conversations/{theirs}", myToken)).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, $"/conversations/{mine}/activities", myToken)).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJjb252IjoieCJ9.")]
    public async Task MissingOrForgedCredentials_AreRefused(string? bearer)
    {
        var client = Client();
        var (conversation, _, _) = await client.StartAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, $"/conversations/{conversation}/activities", bearer)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Post, "/tokens/generate", bearer)).Status);
    }

    [Fact]
    public async Task Token_ExpiresButCanBeRefreshedBeforeThen()
    {
        var client = Client();
        var (status, generated) = await client.SendAsync(HttpMethod.Post, "/tokens/generate", DirectLineBot.Secret, "{\"user\":{\"id\":\"user-9\"}}");
        Assert.Equal(HttpStatusCode.OK, status);
        var token = generated.GetProperty("token").GetString()!;
        var (started, conversation) = await client.SendAsync(HttpMethod.Post, "/conversations", token);
        Assert.Equal(HttpStatusCode.Created, started);
        var id = conversation.GetProperty("conversationId").GetString()!;

        await Task.Delay(DirectLineBot.TokenLifetime / 2);
        var (refreshed, fresh) = await client.SendAsync(HttpMethod.Post, "/tokens/refresh", token);
        await Task.Delay(DirectLineBot.TokenLifetime / 2 + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.OK, refreshed);
        Assert.Equal(id, fresh.GetProperty("conversationId").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, $"/conversations/{id}/activities", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, $"/conversations/{id}/activities", fresh.GetProperty("token").GetString())).Status);
    }

    [Fact]
    public async Task TokenBoundToAUser_PostsOnlyAsThatUser()
    {
        var client = Client();
        var (_, generated) = await client.SendAsync(HttpMethod.Post, "/tokens/generate", DirectLineBot.Secret, "{\"user\":{\"id\":\"real-user\"}}");
        var token = generated.GetProperty("token").GetString()!;
        var (_, conversation) = await client.SendAsync(HttpMethod.Post, "/conversations", token);
        var id = conversation.GetProperty("conversationId").GetString()!;

        await client.PostMessageAsync(id, token, "hello");
        var (activities, _) = await client.ActivitiesAsync(id, token);

        Assert.Equal("real-user", activities.Single(a => a.GetProperty("from").GetProperty("role").GetString() == "user").GetProperty("from").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("{\"type\":\"message\",", HttpStatusCode.BadRequest)]
    [InlineData("{\"text\":\"no type\"}", HttpStatusCode.BadRequest)]
    public async Task BadActivities_GetADefinedStatus(string json, HttpStatusCode expected)
    {
        var client = Client();
        var (conversation, token, _) = await client.StartAsync();

        Assert.Equal(expected, (await client.SendAsync(HttpMethod.Post, $"/conversations/{conversation}/activities", token, json)).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.PostMessageAsync(conversation, token, "still here")).Status);
    }

    [Fact]
    public async Task OversizedActivity_Gets413()
    {
        var client = Client();
        var (conversation, token, _) = await client.StartAsync();

        var (status, _) = await client.PostMessageAsync(conversation, token, new string('x', 70 * 1024));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task UnknownConversation_Gets404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client().SendAsync(HttpMethod.Get, "/conversations/no-such-conversation/activities", DirectLineBot.Secret)).Status);
    }

    [Fact]
    public async Task WebSocketStream_SendsTheBacklogThenNewActivities()
    {
        var client = Client();
        var (conversation, token, streamUrl) = await client.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None);

        var backlog = await ReceiveAsync(socket);
        await client.PostMessageAsync(conversation, token, "What is HEE?");
        var received = new List<JsonElement>();
        while (received.Count < 2)
        {
            received.AddRange((await ReceiveAsync(socket)).GetProperty("activities").EnumerateArray());
        }

        Assert.StartsWith("Hello! I'm HeeBot.", backlog.GetProperty("activities")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("What is HEE?", received[0].GetProperty("text").GetString());
        Assert.Equal(received[0].GetProperty("id").GetString(), received[1].GetProperty("replyToId").GetString());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Fact]
    public async Task WebSocketStream_WithAnotherConversationsToken_IsRefused()
    {
        var client = Client();
        var (_, _, mine) = await client.StartAsync();
        var (theirs, _, _) = await client.StartAsync();
        using var socket = new ClientWebSocket();

        var forged = mine.Replace(mine.Split('/')[5], theirs, StringComparison.Ordinal);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(forged), CancellationToken.None));
    }

    [Fact]
    public async Task Cors_AllowsConfiguredOriginsOnly()
    {
        using var http = bot.App.CreateClient();

        async Task<string?> Preflight(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");
            using var response = await http.SendAsync(request);
            return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
        }

        Assert.Equal(DirectLineBot.AllowedOrigin, await Preflight(DirectLineBot.AllowedOrigin));
        Assert.Null(await Preflight("https://elsewhere.example.com"));
    }

    [Fact]
    public async Task EmbedScriptAndEmbeddedPage_AreServed_AndFramingIsLimitedToConfiguredSites()
    {
        using var http = bot.App.CreateClient();

        var script = await http.GetAsync("/embed.js");
        var page = await http.GetAsync("/?embed=1");

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("Ask HeeBot", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("class=\"embedded\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"frame-ancestors 'self' {DirectLineBot.AllowedOrigin};", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[256 * 1024];
        var text = new StringBuilder();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        while (!result.EndOfMessage);

        return JsonDocument.Parse(text.ToString()).RootElement.Clone();
    }
}
