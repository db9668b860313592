using HeeBot.Retrieval.Analytics;
using HeeBot.Tests;
using Microsoft.Data.Sqlite;

namespace HeeBot.Retrieval.Tests;

public sealed class SqliteQuestionLogTests
{
    private static QuestionEvent Question(int i) =>
        new(DateTimeOffset.UtcNow, "webchat", $"user-{i % 7}", $"question {i}", i % 5 == 0 ? AnswerKind.Declined : AnswerKind.Answered, "a#b", 1, 0.9);

    [Fact]
    public async Task ConcurrentWriters_LoseNothing()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("data", "log.db");
        var logs = Enumerable.Range(0, 4).Select(_ => SqliteQuestionLog.Open(path)).ToList();

        await Parallel.ForAsync(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            await logs[i % logs.Count].RecordQuestionAsync(Question(i), ct);
            if (i % 4 == 0)
            {
                await logs[i % logs.Count].RecordFeedbackAsync(new FeedbackEvent(DateTimeOffset.UtcNow, "webchat", "u", "q", "a#b", 1, 0.9, i % 8 == 0), ct);
            }
        });

        var report = await logs[0].ReportAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
        Assert.Equal(400, report.Questions);
        Assert.Equal(80, report.Declined);
        Assert.Equal(100, report.Helpful + report.NotHelpful);
    }

    [Fact]
    public async Task QueuedLog_StoresEverythingQueuedByTheTimeItIsDisposed()
    {
        using var temp = new TempFolder();
        var store = SqliteQuestionLog.Open(temp.Combine("log.db"));
        var queued = new QueuedQuestionLog(store);

        await Parallel.ForAsync(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) => await queued.RecordQuestionAsync(Question(i), ct));
        await queued.DisposeAsync();

        Assert.Equal(0, queued.Dropped);
        Assert.Equal(2_000, (await store.ReportAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None)).Questions);
    }

    [Fact]
    public async Task Open_CreatesTheFolderAndSchemaOnce_AndKeepsWhatWasThere()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("new", "folder", "log.db");

        await SqliteQuestionLog.Open(path).RecordQuestionAsync(Question(1), CancellationToken.None);
        var reopened = SqliteQuestionLog.Open(path);

        Assert.Equal(1, (await reopened.ReportAsync(DateTimeOffset.UnixEpoch, CancellationToken.None)).Questions);
    }

    [Fact]
    public async Task AnEventDeliveredTwice_IsLoggedOnce_EventsWithoutIdsEveryTime()
    {
        using var temp = new TempFolder();
        var log = SqliteQuestionLog.Open(temp.Combine("log.db"));
        var question = Question(1) with { EventId = "event-1" };
        var feedback = new FeedbackEvent(DateTimeOffset.UtcNow, "webchat", "u", "q", "a#b", 1, 0.9, Helpful: true, EventId: "event-2");

        await log.WriteAsync([question, feedback, Question(2)], CancellationToken.None);
        await log.WriteAsync([question, feedback, Question(2)], CancellationToken.None);

        var report = await log.ReportAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
        Assert.Equal((3, 1), (report.Questions, report.Helpful));
    }

    [Fact]
    public async Task Open_MigratesALogOfTheFirstSchema_KeepingItsRows()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("log.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                {SqliteQuestionLog.Migrations[0]}
                INSERT INTO questions (time, channel, user_hash, question, kind) VALUES ('2026-11-01T10:00:00.0000000Z', 'webchat', 'u', 'old question', 'answered');
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        var log = SqliteQuestionLog.Open(path);
        await log.WriteAsync([Question(1) with { EventId = "e" }, Question(1) with { EventId = "e" }], CancellationToken.None);

        Assert.Equal(2, (await log.ReportAsync(DateTimeOffset.UnixEpoch, CancellationToken.None)).Questions);
    }

    [Fact]
    public void Open_WhenTheSchemaIsNewerThanThisVersion_SaysSo()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("log.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var e = Assert.Throws<InvalidOperationException>(() => SqliteQuestionLog.Open(path));

        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UserHash_IsStableForTheSaltAndHidesTheId()
    {
        var hash = UserHash.Of("29:ada-lovelace", "salt-1");

        Assert.Equal(hash, UserHash.Of("29:ada-lovelace", "salt-1"));
        Assert.NotEqual(hash, UserHash.Of("29:ada-lovelace", "salt-2"));
        Assert.DoesNotContain("ada", hash, StringComparison.Ordinal);
        Assert.Equal(32, hash.Length);
    }
}
