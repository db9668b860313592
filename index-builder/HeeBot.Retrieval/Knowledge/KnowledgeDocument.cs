namespace HeeBot.Retrieval.Knowledge;

/// <summary>One Markdown article of the knowledge folder, split into passages.</summary>
/// <param name="RelativePath">Path below the knowledge folder, with forward slashes.</param>
public sealed record KnowledgeDocument(
    string Id,
    string Title,
    string? Source,
    string? Summary,
    string RelativePath,
    IReadOnlyList<Passage> Passages)
{
    /// <summary>Where the article comes from and when it was checked, as every answer from it shows.</summary>
    public ArticleInfo Info { get; init; } = new(Id, Title, RelativePath);
}
