using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Indexing;
using HeeBot.Retrieval.Search;
using HeeBot.Tests;

namespace HeeBot.Retrieval.Tests.TestInfrastructure;

/// <summary>The fixture article of TestData/knowledge built once into a temp index and opened, shared by a test class: lexical only.</summary>
public class FixtureIndex : IDisposable
{
    private readonly TempFolder folder = new();

    public FixtureIndex()
        : this(encoder: null)
    {
    }

    /// <param name="encoder">The embedding model to build the passage vectors with and to search with; none for lexical only.</param>
    protected FixtureIndex(QuestionEncoder? encoder)
    {
        PassageIndexBuilder.Build(KnowledgePath, IndexPath, embeddings: encoder?.Generator);
        Searcher = PassageSearcher.Open(IndexPath, encoder);
    }

    public static string KnowledgePath => Path.Combine(AppContext.BaseDirectory, "TestData", "knowledge");

    public string IndexPath => folder.Combine("index");

    public PassageSearcher Searcher { get; }

    public void Dispose()
    {
        Searcher.Dispose();
        folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
