using System.Net;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary>Abuse of the Direct Line endpoints gets 429 with Retry-After, and the page's Azure mode.</summary>
public sealed class DirectLineLimitsTests
{
    [Fact]
    public async Task TooManyPostsWithOneToken_Get429WithRetryAfter_AndOtherCallersOnTheSameAddressDoNot()
    {
        await using var bot = BotApplication.WithArticle(("DirectLine:Secret", DirectLineBot.Secret), ("RateLimits:DirectLinePerConversationPerMinute", "10"));
        using var http = bot.CreateClient();
        var client = new DirectLineClient(http);
        var (conversationId, token, _) = await client.StartAsync(); // one call with the secret

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++)
        {
            statuses.Add((await client.SendAsync(HttpMethod.Post, "/tokens/generate", DirectLineBot.Secret)).Status);
        }

        using var last = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate");
        last.Headers.Authorization = new("Bearer", DirectLineBot.Secret);
        using var refused = await http.SendAsync(last);
        var (theConversation, _) = await client.PostMessageAsync(conversationId, token, "What is HEE?");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 9), statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 60);
        Assert.Equal(HttpStatusCode.OK, theConversation); // its own budget, though from the same address
    }

    [Fact]
    public async Task ASiteBehindOneAddress_150ChatsInAMinute_AreAllAnswered_WithoutA429()
    {
        // As Web Chat does it, with the default limits: the page's token, the conversation, two questions, and
        // polling once a second until both are answered; 150 people behind one NAT address within a minute.
        await using var bot = BotApplication.WithArticle();
        using var http = bot.CreateClient();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var answered = 0;

        await Parallel.ForAsync(0, 150, new ParallelOptions { MaxDegreeOfParallelism = 50 }, async (session, cancellationToken) =>
        {
            var client = new DirectLineClient(http);
            using var tokenResponse = await http.PostAsync("/api/directline/token", null, cancellationToken);
            statuses.Add(tokenResponse.StatusCode);
            using var page = System.Text.Json.JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(cancellationToken));
            var token = page.RootElement.GetProperty("token").GetString()!;
            var (started, conversation) = await client.SendAsync(HttpMethod.Post, "/conversations", token);
            statuses.Add(started);
            var conversationId = conversation.GetProperty("conversationId").GetString()!;
            foreach (var question in (string[])["What is the Shape of Caring Review?", "What is the Genomic Education Programme?"])
            {
                var (posted, _) = await client.PostMessageAsync(conversationId, token, question, $"c-{session}-{question.Length}");
                statuses.Add(posted);
            }

            var watermark = string.Empty;
            var answers = 0;
            for (var poll = 0; poll < 60 && answers < 2; poll++)
            {
                var (status, body) = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities?watermark={watermark}", token);
                statuses.Add(status);
                answers += body.GetProperty("activities").EnumerateArray().Count(a => a.TryGetProperty("attachments", out _) && a.GetProperty("from").GetProperty("role").GetString() == "bot");
                watermark = body.GetProperty("watermark").GetString();
                if (answers < 2)
                {
                    await Task.Delay(1000, cancellationToken); // Web Chat's polling interval
                }
            }

            Interlocked.Add(ref answered, answers);
        });

        Assert.Equal(0, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Created, $"{(int)s} {s}"));
        Assert.Equal(300, answered);
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
