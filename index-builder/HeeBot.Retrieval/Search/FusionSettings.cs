namespace HeeBot.Retrieval.Search;

/// <summary>
/// How the lexical and the embedding evidence are fused into one confidence in [0, 1]:
/// <c>LexicalWeight * lexical + (1 - LexicalWeight) * sigmoid(CosineScale * cosine - CosineShift)</c>, where
/// lexical is the passage's share of the question's weight scaled by its BM25 score relative to the best, and cosine
/// the best similarity between the question's vector and the passage's vectors. The sigmoid maps MiniLM cosines,
/// which cluster between 0.1 and 0.8, onto a probability-like scale. Chosen with <c>heebot-index eval --sweep</c>
/// on the dev split of <c>knowledge/user-questions.tsv</c>.
/// </summary>
/// <param name="FastPathConfidence">
/// A lexical confidence at which the answer is already certain: the model is skipped and the lexical ranking returned.
/// Above 1 turns the fast path off.
/// </param>
/// <param name="DenseCandidates">Passages taken from the embedding ranking, besides the lexical candidates, before fusing.</param>
/// <param name="MissingFactPenalty">
/// The factor on the fused confidence of a passage that lacks the kind of fact the question asks for (a number for
/// "how many", a date for "when"; see <see cref="AnswerKind"/>).
/// </param>
/// <param name="UnknownNamePenalty">
/// The factor on every passage's fused confidence when the question names something no passage mentions ("Skills for
/// Health", "the Genomic Medicine Service"; see <see cref="QuestionNames"/>).
/// </param>
/// <param name="ClauseWords">
/// A question of two or more clauses of at least this many words (split at punctuation and at "and", "but", "so"; see
/// <see cref="QuestionText.Clauses"/>) is also read clause by clause, and a passage's cosine is its best over the
/// whole question and each clause: "I'm a junior doctor and the rota is wearing me down, is anyone trying to improve
/// things?" is near its passage in its second clause, not as a whole. 0 reads the whole question only.
/// </param>
public sealed record FusionSettings(
    double LexicalWeight = FusionSettings.DefaultLexicalWeight,
    double CosineScale = FusionSettings.DefaultCosineScale,
    double CosineShift = FusionSettings.DefaultCosineShift,
    double FastPathConfidence = FusionSettings.DefaultFastPathConfidence,
    int DenseCandidates = 20,
    double MissingFactPenalty = 0.5,
    double UnknownNamePenalty = 0.5,
    int ClauseWords = FusionSettings.DefaultClauseWords)
{
    public const double DefaultLexicalWeight = 0.40;
    public const double DefaultCosineScale = 4.46;
    public const double DefaultCosineShift = 2.55;
    public const double DefaultFastPathConfidence = 0.9;
    public const int DefaultClauseWords = 4;

    public static FusionSettings Default { get; } = new();

    /// <summary>The fused confidence of a passage.</summary>
    public double Fuse(double lexical, double cosine) =>
        (LexicalWeight * lexical) + ((1 - LexicalWeight) / (1 + Math.Exp(-((CosineScale * cosine) - CosineShift))));
}
