namespace HeeBot.Retrieval.Indexing;

/// <summary>What a build wrote.</summary>
public sealed record IndexBuildResult(string IndexPath, int Documents, int Passages, TimeSpan Elapsed);
