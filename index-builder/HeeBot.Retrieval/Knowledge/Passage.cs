namespace HeeBot.Retrieval.Knowledge;

/// <summary>
/// One answerable unit of an article: a paragraph or list item with the headings it sits under.
/// </summary>
/// <param name="Id">Stable id, <c>{document}#{section anchor}</c> with <c>-2</c>, <c>-3</c>... for later passages of a section.</param>
/// <param name="DocumentId">The article's id (its file name without extension, unless front matter sets <c>id</c>).</param>
/// <param name="HeadingPath">Headings below the article title, outermost first; the title alone for the article's opening.</param>
/// <param name="Text">The passage as plain text, exactly as the bot quotes it.</param>
/// <param name="Source">Relative Markdown file and anchor, e.g. <c>hee.md#shape-of-caring-review</c>.</param>
/// <param name="Line">1-based line of the passage in its file.</param>
public sealed record Passage(
    string Id,
    string DocumentId,
    string DocumentTitle,
    IReadOnlyList<string> HeadingPath,
    string Text,
    string Source,
    int Line)
{
    /// <summary>Questions the article's editor says this passage's section answers; searched, never quoted.</summary>
    public IReadOnlyList<string> Questions { get; init; } = [];

    /// <summary>The heading path as one line, e.g. "Key Initiatives and Programs > Shape of Caring Review".</summary>
    public string Title => string.Join(" > ", HeadingPath);
}
