using System.Globalization;
using HeeBot.Retrieval.Evaluation;
using HeeBot.Retrieval.Search;

namespace HeeBot.IndexBuilder;

/// <summary>The text of <c>eval</c>: figures with one column per retrieval mode, per split, the search paths, the failing questions.</summary>
internal static class EvalReportWriter
{
    public static void WriteFigures(TextWriter output, string split, IReadOnlyList<(string Name, EvaluationReport Report)> runs)
    {
        var first = runs[0].Report;
        output.WriteLine($"questions ({split}): {first.Outcomes.Count} ({first.Answerable} answerable, {first.Unanswerable} unanswerable)");
        if (runs.Count > 1)
        {
            output.WriteLine($"{string.Empty,-29}{string.Concat(runs.Select(r => $"{r.Name,-18}"))}".TrimEnd());
        }

        void Row(string name, Func<EvaluationReport, string> cell) =>
            output.WriteLine($"{name,-29}{string.Concat(runs.Select(r => $"{cell(r.Report),-18}"))}".TrimEnd());

        Row("recall@1", r => F($"{r.RecallAt1:0.000}  ({r.Outcomes.Count(o => o.Question.Answerable && o.Rank == 1)}/{r.Answerable})"));
        Row("MRR@3", r => F($"{r.MrrAt3:0.000}"));
        Row("unanswerable declined", r => F($"{r.UnanswerableDeclined:0.000}  ({r.UnanswerableDeclinedCount}/{r.Unanswerable})"));
        Row("answerable wrongly declined", r => F($"{r.AnswerableDeclined:0.000}  ({r.AnswerableDeclinedCount}/{r.Answerable})"));
        Row("answered correctly", r => F($"{r.AnsweredCorrectly:0.000}  ({r.Outcomes.Count(o => o.AnsweredCorrectly)}/{r.Answerable})"));
        Row("did you mean", r => F($"{Ratio(r.DidYouMeanCount, r.Outcomes.Count):0.000}  ({r.DidYouMeanCount}/{r.Outcomes.Count})"));
        output.WriteLine("(answered correctly: answered with an expected passage first; did you mean: a choice offered instead)");
    }

    public static void WriteSplits(TextWriter output, IReadOnlyList<string> splits, IReadOnlyList<(string Name, EvaluationReport Report)> runs)
    {
        foreach (var part in splits)
        {
            foreach (var (name, report) in runs)
            {
                var r = report.ForSplit(part);
                output.WriteLine(F($"  {part,-8} {name,-8} recall@1 {r.RecallAt1:0.000}  MRR@3 {r.MrrAt3:0.000}  declined {r.UnanswerableDeclinedCount}/{r.Unanswerable}  wrongly declined {r.AnswerableDeclinedCount}/{r.Answerable}  answered correctly {r.AnsweredCorrectly:0.000}"));
            }
        }
    }

    /// <summary>How often the model was needed: the fast path skips it, a cached question costs a lookup.</summary>
    public static void WritePaths(TextWriter output, EvaluationReport report)
    {
        var paths = report.Outcomes.GroupBy(o => o.Result.Path).ToDictionary(g => g.Key, g => g.Count());
        int Count(SearchPath path) => paths.GetValueOrDefault(path);
        output.WriteLine(F($"hybrid paths: fast path {Count(SearchPath.FastPath)}, model {Count(SearchPath.EmbeddedQuestion)}, cached question {Count(SearchPath.CachedQuestion)}, asked before {Count(SearchPath.CachedResult)}, lexical (no words for the model) {Count(SearchPath.Lexical)} of {report.Outcomes.Count}; read in clauses as well {report.Outcomes.Count(o => o.Result.Clauses > 0)}"));
    }

    public static void WriteOutcomes(TextWriter output, string mode, EvaluationReport report, bool all)
    {
        var failures = report.Failures.ToList();
        output.WriteLine(failures.Count == 0 ? $"no failing questions ({mode})" : $"failing questions ({mode}, {failures.Count}):");
        foreach (var outcome in all ? report.Outcomes : failures)
        {
            var q = outcome.Question;
            var expected = q.Answerable ? string.Join(", ", q.Expected) : "(decline)";
            var verdict = outcome.Declined ? "declined" : "answered";
            var mark = all ? (outcome.Passed ? "pass " : "FAIL ") : string.Empty;
            output.WriteLine($"  {mark}line {q.Line} [{q.Split}] \"{q.Question}\" expected {expected}; {verdict}");
            foreach (var hit in outcome.Result.Results)
            {
                output.WriteLine(F($"      {hit.Rank}. {hit.Id}  confidence {hit.Confidence:0.000}  score {hit.Score:0.000}"));
            }
        }
    }

    public static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
