using BenchmarkDotNet.Attributes;
using HeeBot.Retrieval.Indexing;
using HeeBot.Tests;

namespace HeeBot.Benchmarks;

/// <summary>Building the index of knowledge/ (13 passages) from scratch, swap included.</summary>
[MemoryDiagnoser]
public class IndexBuildBenchmarks
{
    private readonly TempFolder folder = new();

    [GlobalCleanup]
    public void Cleanup() => folder.Dispose();

    [Benchmark(Description = "build the HEE index")]
    public IndexBuildResult Build() => PassageIndexBuilder.Build(Repository.Knowledge, folder.Combine("index"));
}
