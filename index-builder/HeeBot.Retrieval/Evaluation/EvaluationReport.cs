namespace HeeBot.Retrieval.Evaluation;

/// <summary>
/// Figures over a gold set, in three groups. Ranking: recall@1 and MRR@3 over every answerable question,
/// declined or not (none is left out). Decision: the share of unanswerable questions declined and of
/// answerable ones wrongly declined. Together, what a user sees: answered correctly.
/// </summary>
public sealed record EvaluationReport(IReadOnlyList<QuestionOutcome> Outcomes)
{
    public int Answerable => Outcomes.Count(o => o.Question.Answerable);

    public int Unanswerable => Outcomes.Count - Answerable;

    /// <summary>Share of answerable questions ranked with an expected passage first.</summary>
    public double RecallAt1 => Ratio(Outcomes.Count(o => o.Question.Answerable && o.Rank == 1), Answerable);

    /// <summary>Mean of 1/rank of the first expected passage within the top 3 (0 if none).</summary>
    public double MrrAt3 => Answerable == 0 ? 0 : Outcomes.Where(o => o.Question.Answerable).Sum(o => o.Rank is { } r and <= 3 ? 1.0 / r : 0) / Answerable;

    /// <summary>Share of answerable questions answered (not declined) with an expected passage first.</summary>
    public double AnsweredCorrectly => Ratio(Outcomes.Count(o => o.AnsweredCorrectly), Answerable);

    public int UnanswerableDeclinedCount => Outcomes.Count(o => !o.Question.Answerable && o.Declined);

    public double UnanswerableDeclined => Ratio(UnanswerableDeclinedCount, Unanswerable);

    public int AnswerableDeclinedCount => Outcomes.Count(o => o.Question.Answerable && o.Declined);

    public double AnswerableDeclined => Ratio(AnswerableDeclinedCount, Answerable);

    /// <summary>Questions that would get a "Did you mean" choice instead of an answer.</summary>
    public int DidYouMeanCount => Outcomes.Count(o => o.DidYouMean.Count > 0);

    /// <summary>Of those, the answerable ones whose expected passage is among the choices.</summary>
    public int DidYouMeanOffersExpected => Outcomes.Count(o => o.Question.Answerable && o.DidYouMean.Any(h => o.Question.Expected.Contains(h.Id)));

    public IEnumerable<QuestionOutcome> Failures => Outcomes.Where(o => !o.Passed);

    /// <summary>The same figures over one split ("dev" or "test").</summary>
    public EvaluationReport ForSplit(string split) => new(Outcomes.Where(o => o.Question.Split == split).ToList());

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
