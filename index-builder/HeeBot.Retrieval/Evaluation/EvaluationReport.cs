namespace HeeBot.Retrieval.Evaluation;

/// <summary>
/// Figures over a gold set. Strict: an answerable question that was declined counts as a miss in recall@1
/// and MRR@3, as it would for a user, rather than being left out.
/// </summary>
public sealed record EvaluationReport(IReadOnlyList<QuestionOutcome> Outcomes)
{
    public int Answerable => Outcomes.Count(o => o.Question.Answerable);

    public int Unanswerable => Outcomes.Count - Answerable;

    /// <summary>Share of answerable questions answered with an expected passage first.</summary>
    public double RecallAt1 => Ratio(Outcomes.Count(o => o.Question.Answerable && o.Rank == 1), Answerable);

    /// <summary>Mean of 1/rank of the first expected passage within the top 3 (0 if none, or declined).</summary>
    public double MrrAt3 => Answerable == 0 ? 0 : Outcomes.Where(o => o.Question.Answerable).Sum(o => o.Rank is { } r and <= 3 ? 1.0 / r : 0) / Answerable;

    public int UnanswerableDeclinedCount => Outcomes.Count(o => !o.Question.Answerable && o.Declined);

    public double UnanswerableDeclined => Ratio(UnanswerableDeclinedCount, Unanswerable);

    public int AnswerableDeclinedCount => Outcomes.Count(o => o.Question.Answerable && o.Declined);

    public double AnswerableDeclined => Ratio(AnswerableDeclinedCount, Answerable);

    public IEnumerable<QuestionOutcome> Failures => Outcomes.Where(o => !o.Passed);

    /// <summary>The same figures over one split ("dev" or "test").</summary>
    public EvaluationReport ForSplit(string split) => new(Outcomes.Where(o => o.Question.Split == split).ToList());

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
