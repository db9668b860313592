using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HeeBot.Bot.Analytics;
using HeeBot.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Tests;

/// <summary>The embedded question log: the SQLite store, its schema, and the background writer in front of it.</summary>
public sealed class SqliteQuestionLogTests
{
    private static QuestionAsked Question(int i, string? id = null) =>
        new(id ?? $"q-{i}", DateTimeOffset.UtcNow, "webchat", $"user-{i % 7}", $"question {i}", i % 5 == 0 ? Outcome.Declined : Outcome.Answered, "a#b", 1, 0.9);

    private static FeedbackGiven Feedback(int i, bool helpful) => new($"f-{i}", DateTimeOffset.UtcNow, "webchat", "u", "q", "a#b", 1, 0.9, helpful);

    private static QuestionLog Writer(IQuestionLogStore store, int capacity = 10_000) =>
        new(store, Options.Create(new AnalyticsOptions { QueueCapacity = capacity }), TimeProvider.System, NullLogger<QuestionLog>.Instance);

    [Fact]
    public async Task ConcurrentTurns_EachWaitUntilStored_AndNothingIsLost()
    {
        using var temp = new TempFolder();
        var store = SqliteQuestionLog.Open(temp.Combine("data", "log.db"));
        var log = Writer(store);
        await log.StartAsync(CancellationToken.None);

        await Parallel.ForAsync(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            await log.RecordAsync(Question(i), ct);
            if (i % 4 == 0)
            {
                await log.RecordAsync(Feedback(i, i % 8 == 0), ct);
            }
        });

        // No waiting here: every RecordAsync returned only once its event was stored.
        var report = await store.ReportAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
        Assert.Equal((400, 80, 100), (report.Questions, report.Declined, report.Helpful + report.NotHelpful));
        await log.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Stopping_StoresEverythingStillQueued()
    {
        using var temp = new TempFolder();
        var store = SqliteQuestionLog.Open(temp.Combine("log.db"));
        var log = Writer(store);
        var turns = Enumerable.Range(0, 2_000).Select(i => log.RecordAsync(Question(i), CancellationToken.None)).ToList();

        await log.StartAsync(CancellationToken.None);
        await log.StopAsync(CancellationToken.None);

        await Task.WhenAll(turns);
        Assert.Equal(0, log.Dropped);
        Assert.Equal(2_000, (await store.ReportAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None)).Questions);
    }

    [Fact]
    public async Task EachCommit_IsMeasured_WithTheEventsItStored()
    {
        using var temp = new TempFolder();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var commits = new ConcurrentQueue<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == QuestionLog.MeterName && instrument.Name == "heebot.questionlog.batch")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, events, _, _) => commits.Enqueue(events));
        listener.Start();
        var log = new QuestionLog(SqliteQuestionLog.Open(temp.Combine("log.db")), Options.Create(new AnalyticsOptions()), TimeProvider.System, NullLogger<QuestionLog>.Instance, meters);
        var turns = Enumerable.Range(0, 600).Select(i => log.RecordAsync(Question(i), CancellationToken.None)).ToList();

        await log.StartAsync(CancellationToken.None);
        await log.StopAsync(CancellationToken.None);
        await Task.WhenAll(turns);

        // Queued before the writer started, the events shared commits: whole batches, not one commit each.
        Assert.Equal(600, commits.Sum());
        Assert.All(commits, events => Assert.InRange(events, 1, 256));
        Assert.True(commits.Count <= 3, $"{commits.Count} commits for 600 events queued together");
    }

    [Fact]
    public async Task AFullQueue_DropsAndCountsNewEvents_WithoutBlockingTheTurn()
    {
        using var temp = new TempFolder();
        var log = Writer(SqliteQuestionLog.Open(temp.Combine("log.db")), capacity: 3);

        // Not started: nothing drains the queue, so the fourth and fifth do not fit.
        var queued = Enumerable.Range(0, 3).Select(i => log.RecordAsync(Question(i), CancellationToken.None)).ToList();
        await log.RecordAsync(Question(3), CancellationToken.None);
        await log.RecordAsync(Question(4), CancellationToken.None);

        Assert.Equal(2, log.Dropped);
        Assert.All(queued, t => Assert.False(t.IsCompleted));
        await log.StartAsync(CancellationToken.None);
        await Task.WhenAll(queued);
        await log.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AStoreThatHangs_LetsTheTurnGoAfterStoreWait_AndTheEventIsStoredOnceTheStoreAnswers()
    {
        using var temp = new TempFolder();
        var inner = SqliteQuestionLog.Open(temp.Combine("log.db"));
        var store = new HangingStore(inner);
        var log = new QuestionLog(store, Options.Create(new AnalyticsOptions { StoreWait = TimeSpan.FromMilliseconds(100) }), TimeProvider.System, NullLogger<QuestionLog>.Instance);
        await log.StartAsync(CancellationToken.None);

        // The turn goes on although its event is not stored (the guard only keeps a broken release from hanging the run).
        await log.RecordAsync(Question(1), CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));
        await store.Writing.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await inner.ReportAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None)).Questions);

        store.Answer.SetResult();
        await log.StopAsync(CancellationToken.None);
        Assert.Equal(1, (await inner.ReportAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None)).Questions);
    }

    /// <summary>A store whose writes wait until <see cref="Answer"/> is set, as a database that stopped answering.</summary>
    private sealed class HangingStore(IQuestionLogStore inner) : IQuestionLogStore
    {
        public TaskCompletionSource Writing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task WriteAsync(IReadOnlyList<QuestionLogEvent> events, CancellationToken cancellationToken)
        {
            Writing.TrySetResult();
            await Answer.Task;
            await inner.WriteAsync(events, cancellationToken);
        }

        public Task<QuestionReport> ReportAsync(DateTimeOffset since, CancellationToken cancellationToken) => inner.ReportAsync(since, cancellationToken);

        public Task<UsageSuggestions> SuggestionsAsync(DateTimeOffset since, CancellationToken cancellationToken) => inner.SuggestionsAsync(since, cancellationToken);

        public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => inner.DeleteOlderThanAsync(cutoff, cancellationToken);

        public Task CheckAsync(CancellationToken cancellationToken) => inner.CheckAsync(cancellationToken);
    }

    [Fact]
    public async Task Open_CreatesTheFolderAndSchemaOnce_AndKeepsWhatWasThere()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("new", "folder", "log.db");

        await SqliteQuestionLog.Open(path).WriteAsync([Question(1)], CancellationToken.None);
        var reopened = SqliteQuestionLog.Open(path);

        Assert.Equal(1, (await reopened.ReportAsync(DateTimeOffset.UnixEpoch, CancellationToken.None)).Questions);
    }

    [Fact]
    public async Task AnEventWrittenTwice_IsLoggedOnce()
    {
        using var temp = new TempFolder();
        var log = SqliteQuestionLog.Open(temp.Combine("log.db"));
        QuestionLogEvent[] batch = [Question(1), Feedback(1, helpful: true), Question(2)];

        await log.WriteAsync(batch, CancellationToken.None);
        await log.WriteAsync(batch, CancellationToken.None);

        var report = await log.ReportAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
        Assert.Equal((2, 1), (report.Questions, report.Helpful));
    }

    [Fact]
    public async Task OpenReadOnly_ReadsButNeverCreatesOrWrites()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("log.db");

        Assert.Contains("no question log at", Assert.Throws<FileNotFoundException>(() => SqliteQuestionLog.OpenReadOnly(path)).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));

        await SqliteQuestionLog.Open(path).WriteAsync([Question(1)], CancellationToken.None);
        var reader = SqliteQuestionLog.OpenReadOnly(path);
        Assert.Equal(1, (await reader.ReportAsync(DateTimeOffset.UnixEpoch, CancellationToken.None)).Questions);
        await Assert.ThrowsAsync<SqliteException>(() => reader.WriteAsync([Question(2)], CancellationToken.None));
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
        await log.WriteAsync([Question(1, "e"), Question(1, "e")], CancellationToken.None);

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
        var hash = new UserHasher("salt-1").Hash("29:ada-lovelace");

        Assert.Equal(hash, new UserHasher("salt-1").Hash("29:ada-lovelace"));
        Assert.NotEqual(hash, new UserHasher("salt-2").Hash("29:ada-lovelace"));
        Assert.DoesNotContain("ada", hash, StringComparison.Ordinal);
        Assert.Equal(32, hash.Length);
    }

    [Fact]
    public void UserHash_RemembersChannelSizedIds_NotMadeUpHugeOnes()
    {
        var users = new UserHasher("salt-1");
        var huge = new string('u', 100_000);

        var first = users.Hash(huge);
        var short1 = users.Hash("29:ada-lovelace");

        Assert.Equal(first, users.Hash(huge));
        Assert.Equal(short1, users.Hash("29:ada-lovelace"));
        Assert.Equal(new UserHasher("salt-1").Hash(huge), first);
        Assert.Equal(1, users.RememberedCount);
    }
}
