using System.Net;
using System.Text.Json;
using HeeBot.Bot.Tests.TestInfrastructure;
using HeeBot.Retrieval.Analytics;

namespace HeeBot.Bot.Tests;

/// <summary>
/// Two HeeBot instances sharing one Redis (<c>ConnectionStrings:Redis</c>), as behind a load balancer: a Web Chat
/// conversation (the Direct Line calls Web Chat makes) started on one continues on the other, and killing the first
/// mid-conversation loses nothing: transcript, watermarks and what the bot remembers of the conversation.
/// </summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private RedisServer redis = null!;
    private BotProcess first = null!;
    private BotProcess second = null!;

    public async Task InitializeAsync()
    {
        redis = await RedisServer.StartAsync();
        (string, string)[] shared = [("ConnectionStrings:Redis", redis.ConnectionString), ("DirectLine:Secret", DirectLineBot.Secret), ("Analytics:UserHashSalt", "shared-salt")];
        // The first only serves; the second also moves the shared question queue into its database.
        first = await BotProcess.StartAsync([.. shared, ("Analytics:DrainQueue", "false")]);
        second = await BotProcess.StartAsync(shared);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task AConversationStartedOnOneInstance_ContinuesOnTheOther_AndLosesNothingWhenTheFirstIsKilled()
    {
        using var httpFirst = first.CreateClient();
        using var httpSecond = second.CreateClient();
        var one = new DirectLineClient(httpFirst);
        var two = new DirectLineClient(httpSecond);

        // Started and asked on the first instance.
        var (conversationId, token, _) = await one.StartAsync();
        var (status, _) = await one.PostMessageAsync(conversationId, token, "What is the Shape of Caring Review?", "c-1");
        Assert.Equal(HttpStatusCode.OK, status);
        (status, _) = await one.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token,
            "{\"type\":\"message\",\"from\":{\"id\":\"user-1\"},\"value\":{\"action\":\"feedback\",\"helpful\":true,\"question\":\"What is the Shape of Caring Review?\",\"passageId\":\"hee#shape-of-caring-review\",\"rank\":1,\"confidence\":1}}");
        Assert.Equal(HttpStatusCode.OK, status);

        // Read on the second: the welcome, the echo and the answer, with the same watermark either side.
        var (seenOnSecond, watermark) = await two.ActivitiesAsync(conversationId, token);
        var (seenOnFirst, sameWatermark) = await one.ActivitiesAsync(conversationId, token);
        Assert.Equal(Ids(seenOnFirst), Ids(seenOnSecond));
        Assert.Equal(sameWatermark, watermark);
        Assert.Contains(seenOnSecond, a => IsAnswer(a, "Shape of Caring Review"));

        // The first instance dies; the second carries on with what the bot remembered ("more" needs the last question).
        await first.DisposeAsync();
        (status, _) = await two.PostMessageAsync(conversationId, token, "more", "c-2");
        Assert.Equal(HttpStatusCode.OK, status);
        var (after, next) = await two.ActivitiesAsync(conversationId, token, watermark);

        Assert.Equal(["more", "bot"], after.Select(a => a.GetProperty("from").GetProperty("role").GetString() == "user" ? a.GetProperty("text").GetString() : "bot"));
        // Without the remembered question the bot would say "Ask me a question first"; it names the question instead.
        Assert.Contains("What is the Shape of Caring Review?", after[1].GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Ask me a question first", after[1].GetRawText(), StringComparison.Ordinal);
        Assert.True(long.Parse(next, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture));
        var (everything, _) = await two.ActivitiesAsync(conversationId, token);
        Assert.Equal([.. Ids(seenOnSecond), .. Ids(after)], Ids(everything));

        // The question asked on the dead instance, and the feedback given there, reached the question log.
        var report = await ReportWhenAsync(second, r => r.Questions >= 1 && r.Helpful >= 1);
        Assert.Equal(1, report.Answered);
        Assert.Equal(1, report.Helpful);
    }

    [Fact]
    public async Task FeedbackGivenOnAnInstanceThatThenDies_IsNotLost()
    {
        using var httpFirst = first.CreateClient();
        var one = new DirectLineClient(httpFirst);
        var (conversationId, token, _) = await one.StartAsync();

        var (status, _) = await one.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token,
            "{\"type\":\"message\",\"from\":{\"id\":\"user-1\"},\"value\":{\"action\":\"feedback\",\"helpful\":false,\"question\":\"What is HEE?\",\"passageId\":\"hee#what-is-health-education-england\",\"rank\":1,\"confidence\":0.9}}");
        Assert.Equal(HttpStatusCode.OK, status);
        await first.DisposeAsync();

        var report = await ReportWhenAsync(second, r => r.NotHelpful >= 1);
        Assert.Equal(1, report.NotHelpful);
    }

    [Fact]
    public async Task ATokenFromOneInstance_OpensTheConversationOnTheOther_AndAForgedOneDoesNot()
    {
        using var httpFirst = first.CreateClient();
        using var httpSecond = second.CreateClient();
        var (conversationId, token, _) = await new DirectLineClient(httpFirst).StartAsync();
        var two = new DirectLineClient(httpSecond);

        var (ok, _) = await two.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities", token);
        var (forged, _) = await two.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities", token[..^4] + "AAAA");

        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Contains(forged, (HttpStatusCode[])[HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden]);
    }

    [Fact]
    public async Task AStreamOnOneInstance_GetsWhatIsPostedOnTheOther()
    {
        using var httpFirst = first.CreateClient();
        using var httpSecond = second.CreateClient();
        var (conversationId, token, _) = await new DirectLineClient(httpFirst).StartAsync();
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        var streamUrl = new Uri($"ws://{second.BaseAddress.Authority}/v3/directline/conversations/{conversationId}/stream?t={token}&watermark=");
        await socket.ConnectAsync(streamUrl, CancellationToken.None);
        await ReceiveUntilAsync(socket, _ => true); // the backlog: the welcome

        await new DirectLineClient(httpFirst).PostMessageAsync(conversationId, token, "What is the Genomic Education Programme?", "c-9");

        var frames = await ReceiveUntilAsync(socket, frame => frame.GetProperty("activities").EnumerateArray().Any(a => IsAnswer(a, "Genomic Education Programme")));
        Assert.Contains(frames.SelectMany(f => f.GetProperty("activities").EnumerateArray()), a => IsAnswer(a, "Genomic Education Programme"));
    }

    /// <summary>Frames from the stream until one matches, or fails after a few seconds.</summary>
    private static async Task<List<JsonElement>> ReceiveUntilAsync(System.Net.WebSockets.ClientWebSocket socket, Func<JsonElement, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var frames = new List<JsonElement>();
        var buffer = new byte[256 * 1024];
        while (true)
        {
            var count = 0;
            var end = false;
            while (!end)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(count), timeout.Token);
                count += received.Count;
                end = received.EndOfMessage;
            }

            if (count == 0)
            {
                continue; // a keep-alive
            }

            var frame = JsonDocument.Parse(buffer.AsMemory(0, count)).RootElement.Clone();
            frames.Add(frame);
            if (done(frame))
            {
                return frames;
            }
        }
    }

    [Fact]
    public async Task ABatchHeldByADrainerThatStopped_IsLoggedByAnother_AndOnlyOnce()
    {
        // What a draining instance that died mid-batch leaves behind in Redis: its name among the drainers and the
        // batch it held, but no lease. The batch has one question twice, as a queue that delivers twice would.
        const string queue = "heebot:questionlog", drainers = "heebot:questionlog:drainers", held = "heebot:questionlog:held:stopped-instance";
        var question = new QuestionEvent(DateTimeOffset.UtcNow, "webchat", "someone", "a question a stopped instance held", AnswerKind.Declined, EventId: "held-1");
        var envelope = JsonSerializer.Serialize(new { Question = question, Feedback = (FeedbackEvent?)null });
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var db = connection.GetDatabase();
        await db.ListRightPushAsync(held, [envelope, envelope]);
        await db.SetAddAsync(drainers, "stopped-instance");

        await ReportWhenAsync(second, r => r.TopDeclined.Any(q => q.Question == question.Question));
        for (var i = 0; i < 100 && (await db.ListLengthAsync(queue) > 0 || await db.SetContainsAsync(drainers, "stopped-instance")); i++)
        {
            await Task.Delay(100);
        }

        var report = await SqliteQuestionLog.OpenExisting(second.DatabasePath).ReportAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
        Assert.Equal(1, Assert.Single(report.TopDeclined, q => q.Question == question.Question).Count);
        Assert.False(await db.KeyExistsAsync(held));
        Assert.Contains("Put 2 questions and feedback held by stopped instance stopped-instance back on the queue", second.Log, StringComparison.Ordinal);
    }

    /// <summary>The instance's question report once it shows <paramref name="expected"/> (the queue is drained in the background).</summary>
    private static async Task<QuestionReport> ReportWhenAsync(BotProcess bot, Func<QuestionReport, bool> expected)
    {
        QuestionReport report;
        var i = 0;
        do
        {
            await Task.Delay(100);
            report = await SqliteQuestionLog.OpenExisting(bot.DatabasePath).ReportAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
        }
        while (!expected(report) && ++i < 100);

        return report;
    }

    private static string[] Ids(IEnumerable<JsonElement> activities) => [.. activities.Select(a => a.GetProperty("id").GetString()!)];

    private static bool IsAnswer(JsonElement activity, string section) =>
        activity.TryGetProperty("attachments", out var attachments) && attachments.GetArrayLength() > 0 && Cards.Blocks(activity)[0] == section;
}
