using HeeBot.Retrieval.Indexing;
using HeeBot.Retrieval.Search;
using HeeBot.Tests;

namespace HeeBot.Retrieval.Tests.TestInfrastructure;

/// <summary>The fixture article of TestData/knowledge built once into a temp index and opened, shared by a test class.</summary>
public sealed class FixtureIndex : IDisposable
{
    private readonly TempFolder folder = new();

    public FixtureIndex()
    {
        PassageIndexBuilder.Build(KnowledgePath, folder.Combine("index"));
        Searcher = PassageSearcher.Open(folder.Combine("index"));
    }

    public static string KnowledgePath => Path.Combine(AppContext.BaseDirectory, "TestData", "knowledge");

    public PassageSearcher Searcher { get; }

    public void Dispose()
    {
        Searcher.Dispose();
        folder.Dispose();
    }
}
