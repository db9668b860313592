using System.Text.Json.Serialization;

namespace HeeBot.Retrieval.Search;

/// <summary>One ranked passage; serialised as an item of the search JSON contract (design.md).</summary>
/// <param name="Title">The heading path, e.g. "Key Initiatives and Programs > Shape of Caring Review".</param>
/// <param name="Text">The whole passage.</param>
/// <param name="Score">The ranking score: BM25 times question coverage (plain BM25 in Lucene syntax); comparable only within one query.</param>
/// <param name="Confidence">In [0, 1]: how much of the question the passage covers, scaled by its score relative to the best.</param>
public sealed record SearchHit(
    int Rank,
    string Id,
    string Title,
    string Text,
    string Source,
    double Score,
    double Confidence)
{
    /// <summary>The headings of <see cref="Title"/>, outermost first.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> HeadingPath { get; init; } = [];

    /// <summary>The article the passage comes from: its title, and its link and review dates when its front matter gives them.</summary>
    public Knowledge.ArticleInfo? Article { get; init; }
}
