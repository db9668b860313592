namespace HeeBot.Retrieval.Knowledge;

/// <summary>
/// An article's provenance from its front matter, kept in the index with its passages: every answer names the article
/// it comes from, links to it when it is published (<see cref="Url"/>) and says when it was last checked.
/// </summary>
/// <param name="File">Path below the knowledge folder, with forward slashes.</param>
public sealed record ArticleInfo(string Id, string Title, string File)
{
    /// <summary>Where the article is published (front matter <c>url</c>); null when it is not.</summary>
    public string? Url { get; init; }

    /// <summary>When its content was last checked (front matter <c>reviewed</c>).</summary>
    public DateOnly? Reviewed { get; init; }

    /// <summary>When it is due to be checked again (<c>next-review</c>, or <c>reviewed</c> plus <c>review-every</c>).</summary>
    public DateOnly? NextReview { get; init; }

    /// <summary>Who can help with its subject: an https or <c>mailto:</c> link (front matter <c>contact</c>).</summary>
    public string? Contact { get; init; }

    /// <summary>Its review date has passed on <paramref name="today"/>.</summary>
    public bool IsOverdue(DateOnly today) => NextReview is { } due && due < today;

    /// <summary>Those of <paramref name="articles"/> whose review date has passed on <paramref name="today"/>, longest overdue first.</summary>
    public static IReadOnlyList<ArticleInfo> DueForReview(IEnumerable<ArticleInfo> articles, DateOnly today) =>
        [.. articles.Where(a => a.IsOverdue(today)).OrderBy(a => a.NextReview)];
}
