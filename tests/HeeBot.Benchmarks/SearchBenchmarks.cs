using BenchmarkDotNet.Attributes;
using HeeBot.Retrieval.Search;

namespace HeeBot.Benchmarks;

/// <summary>One question at a time, cycling through the 65 questions of knowledge/questions.tsv.</summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private HeeIndex index = null!;
    private int next;

    [GlobalSetup]
    public void Setup() => index = new HeeIndex();

    [GlobalCleanup]
    public void Cleanup() => index.Dispose();

    [Benchmark(Description = "search, HEE index, gold question mix")]
    public SearchResult Search() => index.Searcher.Search(index.Questions[next++ % index.Questions.Count]);
}
