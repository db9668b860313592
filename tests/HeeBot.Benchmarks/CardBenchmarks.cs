using BenchmarkDotNet.Attributes;
using HeeBot.Bot.Faq;
using HeeBot.BotFramework.Schema;
using HeeBot.Retrieval.Search;

namespace HeeBot.Benchmarks;

/// <summary>
/// Rendering the answer for "What is the Shape of Caring Review?": Adaptive Card, Markdown, actions; for a result
/// never answered before (a copy of its passages each time), and for the same result again (its parts built once);
/// and that answer serialised as /api/messages sends it.
/// </summary>
[MemoryDiagnoser]
public class CardBenchmarks
{
    private const string Question = "What is the Shape of Caring Review?";
    private HeeIndex index = null!;
    private SearchResult result = null!;
    private IReadOnlyList<(int Start, int Length)> highlights = [];
    private IReadOnlyList<RelatedSection> related = [];
    private ExpectedReplies reply = null!;
    private readonly Activity incoming = new() { Type = "message", Id = "1", ChannelId = "emulator", Conversation = new ConversationAccount { Id = "c" } };

    [GlobalSetup]
    public void Setup()
    {
        index = new HeeIndex();
        result = index.Searcher.Search(Question);
        highlights = index.Searcher.Highlights(Question, result.Results[0].Text);
        related = index.Searcher.Related(result.Results[0].Id);
        reply = new ExpectedReplies([Repeated()]);
    }

    [GlobalCleanup]
    public void Cleanup() => index.Dispose();

    [Benchmark(Description = "answer card + Markdown for a new result")]
    public Activity Card() => AnswerBuilder.Answer(incoming, Question, result with { Results = [.. result.Results] }, () => highlights, 0.2, related);

    [Benchmark(Description = "answer for a result answered before")]
    public Activity Repeated() => AnswerBuilder.Answer(incoming, Question, result, () => highlights, 0.2, related);

    [Benchmark(Description = "the answer's expectReplies body serialised")]
    public byte[] Serialise() => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(reply, BotJson.Options);
}
