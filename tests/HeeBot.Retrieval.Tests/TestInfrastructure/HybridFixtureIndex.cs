using HeeBot.Retrieval.Indexing;
using HeeBot.Retrieval.Search;
using HeeBot.Tests;

namespace HeeBot.Retrieval.Tests.TestInfrastructure;

/// <summary>The fixture article built once with passage vectors and opened with the embedding model, shared by a test class.</summary>
public sealed class HybridFixtureIndex : IDisposable
{
    private readonly TempFolder folder = new();

    public HybridFixtureIndex()
    {
        PassageIndexBuilder.Build(FixtureIndex.KnowledgePath, IndexPath, embeddings: TestModel.Encoder.Generator);
        Searcher = PassageSearcher.Open(IndexPath, TestModel.Encoder);
    }

    public string IndexPath => folder.Combine("index");

    public PassageSearcher Searcher { get; }

    public void Dispose()
    {
        Searcher.Dispose();
        folder.Dispose();
    }
}
