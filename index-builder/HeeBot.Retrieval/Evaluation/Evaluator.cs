using HeeBot.Retrieval.Search;

namespace HeeBot.Retrieval.Evaluation;

/// <summary>Runs gold questions through a searcher, the way the bot asks them.</summary>
public static class Evaluator
{
    public static EvaluationReport Run(PassageSearcher searcher, IEnumerable<GoldQuestion> questions, SearchOptions? options = null)
    {
        options ??= SearchOptions.Default with { Top = 3 };
        var outcomes = questions.Select(q =>
        {
            var result = searcher.Search(q.Question, options);
            var hit = result.Results.FirstOrDefault(h => q.Expected.Contains(h.Id));
            return new QuestionOutcome(q, result, hit?.Rank);
        });
        return new EvaluationReport(outcomes.ToList());
    }
}
