namespace HeeBot.Retrieval.Search;

/// <summary>A section worth reading next: the first passage's id and the section's heading.</summary>
public sealed record RelatedSection(string PassageId, string Section);
