namespace HeeBot.Retrieval.Search;

/// <summary>Per-query settings.</summary>
/// <param name="Top">How many passages to return, best first.</param>
/// <param name="Threshold">Minimum confidence, in [0, 1], of the best passage for the question to count as answered.</param>
public sealed record SearchOptions(int Top = SearchOptions.DefaultTop, double Threshold = SearchOptions.DefaultThreshold, QuerySyntax Syntax = QuerySyntax.Plain)
{
    public const int DefaultTop = 3;

    public const int MaxTop = 50;

    /// <summary>
    /// 40% of the question's weight must be found in the best passage. Chosen from the threshold sweep on the
    /// gold set's dev split (<c>heebot-index eval --split dev --sweep</c>): the lowest value with a margin
    /// above the point where unanswerable questions start to be answered.
    /// </summary>
    public const double DefaultThreshold = 0.4;

    public static SearchOptions Default { get; } = new();
}
