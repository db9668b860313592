using HeeBot.Retrieval.Search;

namespace HeeBot.Retrieval.Evaluation;

/// <summary>How one gold question fared.</summary>
/// <param name="Rank">1-based rank of the first expected passage among the results, if any and if answered.</param>
public sealed record QuestionOutcome(GoldQuestion Question, SearchResult Result, int? Rank)
{
    public bool Declined => !Result.Answered;

    /// <summary>Answerable: answered with an expected passage first. Unanswerable: declined.</summary>
    public bool Passed => Question.Answerable ? Rank == 1 : Declined;
}
