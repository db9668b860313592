using BenchmarkDotNet.Attributes;
using HeeBot.Bot.Analytics;

namespace HeeBot.Benchmarks;

/// <summary>
/// The SQLite question log storing a batch, as its writer does: one transaction for a lone turn's question, and for
/// sixteen turns' questions that waited together. What a batch costs besides its rows is what waiting together saves.
/// </summary>
[MemoryDiagnoser]
public class QuestionLogBenchmarks
{
    private string folder = null!;
    private SqliteQuestionLog log = null!;
    private int next;

    [Params(1, 16)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("heebot-log-bench-").FullName;
        log = SqliteQuestionLog.Open(Path.Combine(folder, "log.db"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark(Description = "store a batch of questions")]
    public Task Write()
    {
        var events = new QuestionLogEvent[Rows];
        for (var i = 0; i < Rows; i++)
        {
            events[i] = new QuestionAsked(
                $"20261204T101500000-{next++:x32}", DateTimeOffset.UtcNow, "emulator", "0123456789abcdef0123456789abcdef",
                "What is the Shape of Caring Review?", Outcome.Answered, "hee#shape-of-caring-review", 1, 0.9);
        }

        return log.WriteAsync(events, CancellationToken.None);
    }
}

/// <summary>What a turn spends on its question's log event before it is queued: the event id, the user's hash, the scrubbing.</summary>
[MemoryDiagnoser]
public class QuestionEventBenchmarks
{
    private readonly HeeBot.BotFramework.Schema.Activity activity = new()
    {
        Type = "message",
        Id = "m123-1-4567",
        ChannelId = "emulator",
        From = new HeeBot.BotFramework.Schema.ChannelAccount { Id = "load-user-7" },
        Conversation = new HeeBot.BotFramework.Schema.ConversationAccount { Id = "load-7" },
        Timestamp = new DateTimeOffset(2026, 12, 4, 10, 15, 0, TimeSpan.Zero),
    };

    private readonly UserHasher users = new("salt");

    [Benchmark(Description = "event id (SHA-256 of channel, conversation, activity id)")]
    public string EventId() => HeeBot.Bot.Faq.FaqBot.EventId(activity);

    [Benchmark(Description = "user hash of a user seen before")]
    public string UserHash() => users.Hash("load-user-7");

    [Benchmark(Description = "personal data scrubbed, a question without any")]
    public string Scrub() => PersonalData.Scrub("What does the Shape of Caring review aim to do?");

    [Benchmark(Description = "personal data scrubbed, a question with a phone number")]
    public string ScrubPhone() => PersonalData.Scrub("call me on 07700 900123 about the Shape of Caring review");
}
