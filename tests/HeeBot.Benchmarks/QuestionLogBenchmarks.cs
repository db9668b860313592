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
