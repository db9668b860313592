namespace HeeBot.Retrieval.Search;

/// <summary>Per-query settings.</summary>
/// <param name="Top">How many passages to return, best first.</param>
/// <param name="Threshold">
/// Minimum confidence, in [0, 1], of the best passage for the question to count as answered; null for the default of
/// the decision taken (<see cref="DefaultThreshold"/> fused, <see cref="DefaultLexicalThreshold"/> lexical).
/// </param>
public sealed record SearchOptions(int Top = SearchOptions.DefaultTop, double? Threshold = null, QuerySyntax Syntax = QuerySyntax.Plain)
{
    public const int DefaultTop = 3;

    public const int MaxTop = 50;

    /// <summary>
    /// The fused confidence the best passage needs. Chosen with <c>heebot-index eval --split dev --sweep</c> on the dev
    /// split of <c>knowledge/user-questions.tsv</c>, with <see cref="FusionSettings.DefaultLexicalWeight"/>: the middle
    /// of the range (0.325 to 0.375) where answered-correctly, unanswerable-declined and wrongly-declined all held.
    /// </summary>
    public const double DefaultThreshold = 0.35;

    /// <summary>
    /// The lexical confidence (the best passage's share of the question's weight) the best passage needs when the
    /// model is not used. Chosen from the threshold sweep on the dev split of <c>knowledge/questions.tsv</c>: the
    /// lowest value with a margin above the point where unanswerable questions start to be answered.
    /// </summary>
    public const double DefaultLexicalThreshold = 0.4;

    /// <summary>Lexical, or fused with the embedding model (the default; lexical when the searcher has no model).</summary>
    public RetrievalMode Mode { get; init; } = RetrievalMode.Hybrid;

    /// <summary>How the two rankings are fused in <see cref="RetrievalMode.Hybrid"/>.</summary>
    public FusionSettings Fusion { get; init; } = FusionSettings.Default;

    public static SearchOptions Default { get; } = new();

    /// <summary>The threshold in force for a decision taken by <paramref name="path"/>.</summary>
    public double ThresholdFor(SearchPath path) =>
        Threshold ?? (path is SearchPath.Lexical or SearchPath.FastPath ? DefaultLexicalThreshold : DefaultThreshold);
}
