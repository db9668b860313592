using System.Net;
using System.Text.Json;
using HeeBot.Bot.Tests.TestInfrastructure;
using HeeBot.Bot.Analytics;

namespace HeeBot.Bot.Tests;

/// <summary>
/// Two HeeBot instances sharing one Redis (<c>ConnectionStrings:Redis</c>) and one PostgreSQL question log
/// (<c>ConnectionStrings:QuestionLog</c>), as behind a load balancer: a Web Chat conversation (the Direct Line calls
/// Web Chat makes) started on one continues on the other, and killing the first mid-conversation loses nothing:
/// transcript, watermarks, what the bot remembers of the conversation, and the questions and feedback it logged.
/// </summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private RedisServer redis = null!;
    private PostgresServer postgres = null!;
    private string questionLog = null!;
    private BotProcess first = null!;
    private BotProcess second = null!;

    public async Task InitializeAsync()
    {
        redis = await RedisServer.StartAsync();
        postgres = await PostgresServer.StartAsync();
        questionLog = await postgres.CreateDatabaseAsync();
        (string, string)[] shared = [
            ("ConnectionStrings:Redis", redis.ConnectionString), ("ConnectionStrings:QuestionLog", questionLog),
            ("DirectLine:Secret", DirectLineBot.Secret), ("Analytics:UserHashSalt", "shared-salt"),
            ("Analytics:StoreWait", "00:00:30")]; // a reply waits for its question to be stored however loaded the machine is
        first = await BotProcess.StartAsync(shared);
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
            await postgres.DisposeAsync();
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
        var report = await ReportWhenAsync(r => r.Questions >= 1 && r.Helpful >= 1);
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

        var report = await ReportWhenAsync(r => r.NotHelpful >= 1);
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
    public async Task QuestionsAskedOnBoth_WithOneKilledMidBatch_AreEachLoggedOnce()
    {
        // Questions on both instances at once; the first is killed while its writer is busy. A question whose request
        // failed is delivered again, the same activity, to the second, as a channel retries. Every question ends up in
        // the shared log once: none lost with the dead instance, none twice for being answered by both.
        using var httpFirst = first.CreateClient();
        using var httpSecond = second.CreateClient();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var questions = Enumerable.Range(0, 240).Select(i => Activities.EmulatorMessage("http://127.0.0.1:9/", $"What is the Shape of Caring Review? ({runId}-{i})")).ToList();
        var killAfter = new TaskCompletionSource();
        var answered = 0;
        var happened = new System.Collections.Concurrent.ConcurrentDictionary<int, string>(); // for the failure message

        var asking = questions.Select(async (question, i) =>
        {
            var onFirst = i % 2 == 0;
            try
            {
                var (response, replies) = await (onFirst ? httpFirst : httpSecond).AskAsync(question.DeepClone().AsObject());
                happened[i] = $"{(onFirst ? "first" : "second")}: {(int)response.StatusCode}, {replies.Count} replies";
                if (response.IsSuccessStatusCode)
                {
                    if (Interlocked.Increment(ref answered) == 40)
                    {
                        killAfter.TrySetResult();
                    }

                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                happened[i] = $"{(onFirst ? "first" : "second")}: {e.GetType().Name}";
            }

            var (retried, again) = await httpSecond.AskAsync(question.DeepClone().AsObject());
            happened[i] += $"; again on second: {(int)retried.StatusCode}, {again.Count} replies";
            Assert.True(retried.IsSuccessStatusCode);
        }).ToList();
        await killAfter.Task;
        await first.DisposeAsync();
        await Task.WhenAll(asking);

        // A turn that waited past StoreWait left its question queued on the live instance: wait for the writer, then run
        // the editors' report as they would against the shared log: each question once.
        await ReportWhenAsync(r => r.Questions >= questions.Count, TimeSpan.FromSeconds(30));
        var (exit, report, error) = await BotProcess.RunCommandAsync("report", "--connection", questionLog, "--since", "24h");
        Assert.True(exit == 0, error);
        Assert.True(report.ReplaceLineEndings("\n").Contains($"questions             {questions.Count}\n", StringComparison.Ordinal), $"""
            {report}
            what each request got: {string.Join("; ", happened.OrderBy(h => h.Key).Select(h => $"{h.Key} {h.Value}").GroupBy(h => h[(h.IndexOf(' ', StringComparison.Ordinal) + 1)..]).Select(g => $"{g.Count()} x {g.Key}"))}
            second's log (end): {second.Log[^Math.Min(second.Log.Length, 4000)..]}
            redis log (end): {redis.Log[^Math.Min(redis.Log.Length, 4000)..]}
            """);
    }

    /// <summary>The shared question log's report once it shows <paramref name="expected"/>.</summary>
    private async Task<QuestionReport> ReportWhenAsync(Func<QuestionReport, bool> expected, TimeSpan? atMost = null)
    {
        await using var log = PostgresQuestionLog.Create(questionLog);
        var report = await log.ReportAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
        for (var i = 0; i < (atMost ?? TimeSpan.FromSeconds(5)).TotalMilliseconds / 50 && !expected(report); i++)
        {
            await Task.Delay(50);
            report = await log.ReportAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
        }

        return report;
    }

    private static string[] Ids(IEnumerable<JsonElement> activities) => [.. activities.Select(a => a.GetProperty("id").GetString()!)];

    private static bool IsAnswer(JsonElement activity, string section) =>
        activity.TryGetProperty("attachments", out var attachments) && attachments.GetArrayLength() > 0 && Cards.Blocks(activity)[0] == section;
}
