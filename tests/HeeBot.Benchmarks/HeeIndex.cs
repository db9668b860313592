using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Evaluation;
using HeeBot.Retrieval.Indexing;
using HeeBot.Retrieval.Search;
using HeeBot.Tests;

namespace HeeBot.Benchmarks;

/// <summary>
/// The HEE knowledge built into a temp index with passage vectors, searched hybrid (lexical with
/// <see cref="SearchOptions.Mode"/> Lexical), and the gold questions as a fixed query mix.
/// </summary>
internal sealed class HeeIndex : IDisposable
{
    private readonly TempFolder folder = new();

    public HeeIndex()
    {
        Encoder = new QuestionEncoder(new MiniLmEmbeddingGenerator(), ownsGenerator: true);
        PassageIndexBuilder.Build(Repository.Knowledge, folder.Combine("index"), embeddings: Encoder.Generator);
        Searcher = PassageSearcher.Open(folder.Combine("index"), Encoder);
        Questions = [.. GoldSet.Read(Path.Combine(Repository.Knowledge, "questions.tsv")).Select(q => q.Question)];
    }

    public PassageSearcher Searcher { get; }

    public QuestionEncoder Encoder { get; }

    public IReadOnlyList<string> Questions { get; }

    public string Folder => folder.Path;

    public void Dispose()
    {
        Searcher.Dispose();
        Encoder.Dispose();
        folder.Dispose();
    }
}
