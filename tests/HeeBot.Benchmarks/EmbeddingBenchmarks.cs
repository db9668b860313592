using BenchmarkDotNet.Attributes;
using HeeBot.Retrieval.Embeddings;
using Microsoft.Extensions.AI;

namespace HeeBot.Benchmarks;

/// <summary>
/// The in-process model, int8 (the default) and as published: one new question (no cache), and passages in the
/// batches an index build uses.
/// </summary>
[MemoryDiagnoser]
public class EmbeddingBenchmarks
{
    public const int PassageBatch = 64;

    private MiniLmEmbeddingGenerator model = null!;
    private string[] passages = [];
    private int next;

    [Params(true, false)]
    public bool Quantized { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        model = new MiniLmEmbeddingGenerator(new EmbeddingModelOptions { Quantized = Quantized });
        var corpus = new Random(20261201);
        passages = [.. Enumerable.Range(0, PassageBatch).Select(_ => LargeCorpusBenchmarks.Paragraph(corpus))];
    }

    [GlobalCleanup]
    public void Cleanup() => model.Dispose();

    [Benchmark(Description = "embed one question (model run, no cache)")]
    public Task<GeneratedEmbeddings<Embedding<float>>> Question() => model.GenerateAsync([$"how does HEE help junior doctors with their rota {next++}"]);

    [Benchmark(Description = "embed 64 passages of the 100,000 corpus (one build batch)", OperationsPerInvoke = PassageBatch)]
    public Task<GeneratedEmbeddings<Embedding<float>>> Passages() => model.GenerateAsync(passages);
}
