using HeeBot.Retrieval.Evaluation;
using HeeBot.Retrieval.Indexing;
using HeeBot.Retrieval.Search;
using HeeBot.Tests;

namespace HeeBot.Benchmarks;

/// <summary>The HEE knowledge built into a temp index, and the gold questions as a fixed query mix.</summary>
internal sealed class HeeIndex : IDisposable
{
    private readonly TempFolder folder = new();

    public HeeIndex()
    {
        PassageIndexBuilder.Build(Repository.Knowledge, folder.Combine("index"));
        Searcher = PassageSearcher.Open(folder.Combine("index"));
        Questions = [.. GoldSet.Read(Path.Combine(Repository.Knowledge, "questions.tsv")).Select(q => q.Question)];
    }

    public PassageSearcher Searcher { get; }

    public IReadOnlyList<string> Questions { get; }

    public string Folder => folder.Path;

    public void Dispose()
    {
        Searcher.Dispose();
        folder.Dispose();
    }
}
