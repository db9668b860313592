using HeeBot.Retrieval.Search;

namespace HeeBot.Retrieval.Evaluation;

/// <summary>How one gold question fared.</summary>
/// <param name="Rank">1-based rank of the first expected passage among the results, if any (declined or not).</param>
public sealed record QuestionOutcome(GoldQuestion Question, SearchResult Result, int? Rank)
{
    public bool Declined => !Result.Answered;

    /// <summary>Answerable: answered with an expected passage first. Unanswerable: declined.</summary>
    public bool Passed => Question.Answerable ? AnsweredCorrectly : Declined;

    /// <summary>The passages a "Did you mean" choice would offer; empty when the answer is clear.</summary>
    public IReadOnlyList<SearchHit> DidYouMean => Search.DidYouMean.Candidates(Result);

    /// <summary>What the user sees is right: answered, with an expected passage first.</summary>
    public bool AnsweredCorrectly => Question.Answerable && !Declined && Rank == 1;
}
