using HeeBot.Retrieval.Search;

namespace HeeBot.Retrieval.Evaluation;

/// <summary>Runs gold questions through a searcher, the way the bot asks them.</summary>
public static class Evaluator
{
    public static async Task<EvaluationReport> RunAsync(
        PassageSearcher searcher, IEnumerable<GoldQuestion> questions, SearchOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= SearchOptions.Default with { Top = 3 };
        var outcomes = new List<QuestionOutcome>();
        foreach (var q in questions)
        {
            var result = await searcher.SearchAsync(q.Question, options, cancellationToken).ConfigureAwait(false);
            var hit = result.Results.FirstOrDefault(h => q.Expected.Contains(h.Id));
            outcomes.Add(new QuestionOutcome(q, result, hit?.Rank));
        }

        return new EvaluationReport(outcomes);
    }

    /// <summary><see cref="RunAsync"/> for callers without an asynchronous context (tests).</summary>
    public static EvaluationReport Run(PassageSearcher searcher, IEnumerable<GoldQuestion> questions, SearchOptions? options = null) =>
        RunAsync(searcher, questions, options).GetAwaiter().GetResult();
}
