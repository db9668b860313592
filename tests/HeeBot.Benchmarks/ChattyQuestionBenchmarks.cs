using BenchmarkDotNet.Attributes;
using HeeBot.Retrieval.Search;

namespace HeeBot.Benchmarks;

/// <summary>
/// What reading a chatty question's clauses costs: a new question of three clauses (a number in each, so no cache helps), searched
/// hybrid with its clauses read as well (the default) and whole only (<see cref="FusionSettings.ClauseWords"/> 0).
/// </summary>
[MemoryDiagnoser]
public class ChattyQuestionBenchmarks
{
    private HeeIndex index = null!;
    private SearchOptions options = null!;
    private int next;

    [Params(FusionSettings.DefaultClauseWords, 0)]
    public int ClauseWords { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        index = new HeeIndex();
        options = new SearchOptions { Fusion = FusionSettings.Default with { ClauseWords = ClauseWords } };
    }

    [GlobalCleanup]
    public void Cleanup() => index.Dispose();

    [Benchmark(Description = "search a new chatty question, hybrid")]
    public SearchResult Search()
    {
        var n = next++; // in every clause, so that no clause's vector is cached
        return index.Searcher.Search($"I'm a junior doctor {n} and the rota is wearing me down {n}, is anyone actually trying to improve things {n}?", options);
    }
}
