namespace HeeBot.Retrieval.Indexing;

/// <summary>What a build wrote.</summary>
public sealed record IndexBuildResult(string IndexPath, int Documents, int Passages, TimeSpan Elapsed)
{
    /// <summary>Every article built, with its provenance.</summary>
    public IReadOnlyList<Knowledge.ArticleInfo> Articles { get; init; } = [];
}
