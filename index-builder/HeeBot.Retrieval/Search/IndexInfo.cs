namespace HeeBot.Retrieval.Search;

/// <summary>What an index holds and when it was built, from its commit data.</summary>
public sealed record IndexInfo(string Path, int Documents, int Passages, DateTimeOffset BuiltAt);
