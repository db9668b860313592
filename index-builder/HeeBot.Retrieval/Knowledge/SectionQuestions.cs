namespace HeeBot.Retrieval.Knowledge;

/// <summary>Other ways people ask for what one section says, from an article's front matter.</summary>
/// <param name="Anchor">The section's anchor, e.g. <c>mission-and-vision</c>.</param>
/// <param name="Line">Line of the entry in the file, for errors.</param>
public sealed record SectionQuestions(string Anchor, IReadOnlyList<string> Questions, int Line);
