using HeeBot.Retrieval.Embeddings;

namespace HeeBot.Retrieval.Search;

/// <summary>What an index holds and when it was built, from its commit data.</summary>
public sealed record IndexInfo(string Path, int Documents, int Passages, DateTimeOffset BuiltAt)
{
    /// <summary>The embedding model of its passage vectors; null for a lexical-only index.</summary>
    public EmbeddingModel? Model { get; init; }

    /// <summary>The articles whose front matter gives provenance (url, review dates, contact); others have only their title.</summary>
    public IReadOnlyList<Knowledge.ArticleInfo> Articles { get; init; } = [];
}
