using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using HeeBot.Bot.Analytics;
using HeeBot.Bot.Faq;
using HeeBot.BotFramework.Schema;
using HeeBot.BotFramework.Turns;
using HeeBot.Retrieval.Search;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HeeBot.Benchmarks;

/// <summary>
/// What /api/messages does for an expectReplies question, minus HTTP: deserialise the activity, run the FAQ
/// bot's turn (search, card, follow-ups, the question log queued for its background writer, as in the bot),
/// serialise the replies.
/// </summary>
[MemoryDiagnoser]
public class TurnBenchmarks
{
    private HeeIndex index = null!;
    private FaqBot bot = null!;
    private QuestionLog log = null!;
    private byte[][] requests = [];
    private int next;

    [GlobalSetup]
    public void Setup()
    {
        index = new HeeIndex();
        // The question log as the app runs it: its writer started, each turn waiting for its question to be stored.
        log = new QuestionLog(SqliteQuestionLog.Open(Path.Combine(index.Folder, "data", "log.db")), Options.Create(new AnalyticsOptions()), TimeProvider.System, NullLogger<QuestionLog>.Instance);
        log.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        var faq = Options.Create(new FaqOptions { Subject = "Health Education England", ExampleQuestions = ["What is HEE?"] });
        bot = new FaqBot(new PassageIndex(index.Searcher), faq, Options.Create(new HeeBot.Bot.Index.RetrievalOptions()), new ConversationMemory(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()))), new Redeliveries(new ServiceCollection().BuildServiceProvider()), log, new UserHasher("salt"), TimeProvider.System);
        requests = [.. index.Questions.Select((q, i) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Activity
        {
            Type = "message",
            Id = $"a{i}",
            ChannelId = "emulator",
            ServiceUrl = "http://localhost:9/",
            From = new ChannelAccount { Id = $"user-{i % 10}" },
            Recipient = new ChannelAccount { Id = "bot" },
            Conversation = new ConversationAccount { Id = $"conversation-{i % 10}" },
            Text = q,
            DeliveryMode = DeliveryModes.ExpectReplies,
        }, BotJson.Options)))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        log.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        index.Dispose();
    }

    [Benchmark(Description = "expectReplies turn: deserialise + turn + serialise")]
    public async Task<byte[]> Turn()
    {
        // Each turn a new activity id, as a channel sends them: the bot answers a repeated id only once.
        var activity = JsonSerializer.Deserialize<Activity>(requests[next % requests.Length], BotJson.Options)! with { Id = $"a{next++}" };
        var turn = new TurnContext(activity, NoSender.Instance);
        await bot.OnTurnAsync(turn, CancellationToken.None);
        return JsonSerializer.SerializeToUtf8Bytes(new ExpectedReplies(turn.BufferedReplies), BotJson.Options);
    }

    private sealed class NoSender : IActivitySender
    {
        public static readonly NoSender Instance = new();

        public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken) => throw new InvalidOperationException("expectReplies sends nothing");
    }
}
