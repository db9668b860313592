using System.CommandLine;
using System.Globalization;
using HeeBot.Retrieval.Evaluation;
using HeeBot.Retrieval.Knowledge;
using HeeBot.Retrieval.Search;

namespace HeeBot.IndexBuilder;

/// <summary>
/// <c>eval --index DIR --questions FILE [--min-recall1 X] ...</c>: recall@1, MRR@3 and the decline rates over
/// a gold set, then every failing question with what came back; exit 1 when a figure misses its minimum.
/// </summary>
internal sealed class EvalCommand : Command
{
    public EvalCommand()
        : base("eval", "Measure the index against a gold set of questions (questions.tsv).")
    {
        Options.Add(IndexOption);
        Options.Add(QuestionsOption);
        Options.Add(SplitOption);
        Options.Add(ThresholdOption);
        Options.Add(ShowOption);
        Options.Add(SweepOption);
        Options.Add(MinRecall1Option);
        Options.Add(MinMrr3Option);
        Options.Add(MinDeclinedOption);
        Options.Add(MaxWronglyDeclinedOption);
        SetAction(Run);
    }

    public Option<string> IndexOption { get; } = new("--index", "-i") { Description = "Index folder made by 'build'.", DefaultValueFactory = _ => "index" };

    public Option<string> QuestionsOption { get; } = new("--questions", "-q")
    {
        Description = "Gold set: question<TAB>expected ids, or - for should-decline<TAB>dev|test.",
        DefaultValueFactory = _ => Path.Combine("knowledge", "questions.tsv"),
    };

    public Option<string> SplitOption { get; } = new("--split")
    {
        Description = "Which questions to score: all (default), or one split named in the file's third column (dev, test, holdout...).",
        DefaultValueFactory = _ => "all",
    };

    public Option<double> ThresholdOption { get; } = Cli.Ranged(
        new Option<double>("--threshold") { Description = "Answer confidence threshold.", DefaultValueFactory = _ => SearchOptions.DefaultThreshold }, 0.0, 1.0);

    public Option<string> ShowOption { get; } = new Option<string>("--show")
    {
        Description = "Which questions to list with what came back: failures (default) or all.",
        DefaultValueFactory = _ => "failures",
    }.AcceptOnlyFromAmong("failures", "all");

    public Option<bool> SweepOption { get; } = new("--sweep")
    {
        Description = "Also print recall@1 and decline rates for thresholds from 0.05 to 0.95, to choose an operating point.",
    };

    public Option<double?> MinRecall1Option { get; } = new("--min-recall1") { Description = "Fail (exit 1) when recall@1 is below this." };

    public Option<double?> MinMrr3Option { get; } = new("--min-mrr3") { Description = "Fail (exit 1) when MRR@3 is below this." };

    public Option<double?> MinDeclinedOption { get; } = new("--min-declined") { Description = "Fail (exit 1) when fewer unanswerable questions than this share are declined." };

    public Option<double?> MaxWronglyDeclinedOption { get; } = new("--max-wrongly-declined") { Description = "Fail (exit 1) when more answerable questions than this share are declined." };

    private int Run(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        IReadOnlyList<GoldQuestion> questions;
        PassageSearcher searcher;
        try
        {
            questions = GoldSet.Read(parseResult.GetValue(QuestionsOption)!);
            searcher = PassageSearcher.Open(parseResult.GetValue(IndexOption)!);
        }
        catch (Exception e) when (e is KnowledgeFormatException or IndexUnavailableException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        var split = parseResult.GetValue(SplitOption)!;
        var splits = questions.Select(q => q.Split).Distinct().ToList();
        if (split != "all" && !splits.Contains(split))
        {
            error.WriteLine($"error: the questions file has no split '{split}' (it has {string.Join(", ", splits)})");
            return ExitCodes.BadUsage;
        }

        EvaluationReport report;
        using (searcher)
        {
            report = Evaluator.Run(searcher, questions, new SearchOptions(Top: 3, Threshold: parseResult.GetValue(ThresholdOption)));
            if (parseResult.GetValue(SweepOption))
            {
                WriteSweep(output, searcher, split == "all" ? questions : questions.Where(q => q.Split == split).ToList());
            }
        }

        var scored = split == "all" ? report : report.ForSplit(split);
        WriteFigures(output, split, scored);
        if (split == "all")
        {
            foreach (var part in splits)
            {
                var partReport = report.ForSplit(part);
                output.WriteLine(F($"  {part,-8} recall@1 {partReport.RecallAt1:0.000}  MRR@3 {partReport.MrrAt3:0.000}  declined {partReport.UnanswerableDeclinedCount}/{partReport.Unanswerable}  wrongly declined {partReport.AnswerableDeclinedCount}/{partReport.Answerable}  answered correctly {partReport.AnsweredCorrectly:0.000}"));
            }
        }

        WriteOutcomes(output, scored, all: parseResult.GetValue(ShowOption) == "all");
        return CheckMinimums(parseResult, scored, error);
    }

    private static void WriteFigures(TextWriter output, string split, EvaluationReport report)
    {
        output.WriteLine($"questions ({split}): {report.Outcomes.Count} ({report.Answerable} answerable, {report.Unanswerable} unanswerable)");
        output.WriteLine(F($"recall@1                     {report.RecallAt1:0.000}  ({report.Outcomes.Count(o => o.Question.Answerable && o.Rank == 1)}/{report.Answerable})"));
        output.WriteLine(F($"MRR@3                        {report.MrrAt3:0.000}"));
        output.WriteLine(F($"unanswerable declined        {report.UnanswerableDeclined:0.000}  ({report.UnanswerableDeclinedCount}/{report.Unanswerable})"));
        output.WriteLine(F($"answerable wrongly declined  {report.AnswerableDeclined:0.000}  ({report.AnswerableDeclinedCount}/{report.Answerable})"));
        output.WriteLine(F($"answered correctly           {report.AnsweredCorrectly:0.000}  ({report.Outcomes.Count(o => o.AnsweredCorrectly)}/{report.Answerable}, answered with an expected passage first)"));
        output.WriteLine(F($"did you mean                 {Ratio(report.DidYouMeanCount, report.Outcomes.Count):0.000}  ({report.DidYouMeanCount}/{report.Outcomes.Count}, expected passage among the choices in {report.DidYouMeanOffersExpected})"));
    }

    private static void WriteSweep(TextWriter output, PassageSearcher searcher, IReadOnlyList<GoldQuestion> questions)
    {
        output.WriteLine("threshold  answered-correctly  unanswerable-declined  answerable-declined");
        for (var step = 1; step <= 19; step++)
        {
            var threshold = step * 0.05;
            var r = Evaluator.Run(searcher, questions, new SearchOptions(Top: 3, Threshold: threshold));
            output.WriteLine(F($"{threshold,9:0.00}  {r.AnsweredCorrectly,18:0.000}  {r.UnanswerableDeclined,21:0.000}  {r.AnswerableDeclined,19:0.000}"));
        }
    }

    private static void WriteOutcomes(TextWriter output, EvaluationReport report, bool all)
    {
        var failures = report.Failures.ToList();
        output.WriteLine(failures.Count == 0 ? "no failing questions" : $"failing questions ({failures.Count}):");
        foreach (var failure in all ? report.Outcomes : failures)
        {
            var q = failure.Question;
            var expected = q.Answerable ? string.Join(", ", q.Expected) : "(decline)";
            var verdict = failure.Declined ? "declined" : "answered";
            var mark = all ? (failure.Passed ? "pass " : "FAIL ") : string.Empty;
            output.WriteLine($"  {mark}line {q.Line} [{q.Split}] \"{q.Question}\" expected {expected}; {verdict}");
            foreach (var hit in failure.Result.Results)
            {
                output.WriteLine(F($"      {hit.Rank}. {hit.Id}  confidence {hit.Confidence:0.000}  score {hit.Score:0.000}"));
            }
        }
    }

    private int CheckMinimums(ParseResult parseResult, EvaluationReport report, TextWriter error)
    {
        var missed = new List<string>();
        void AtLeast(double? minimum, double value, string name)
        {
            if (minimum is { } m && value < m)
            {
                missed.Add(F($"{name} {value:0.000} is below the minimum {m:0.000}"));
            }
        }

        AtLeast(parseResult.GetValue(MinRecall1Option), report.RecallAt1, "recall@1");
        AtLeast(parseResult.GetValue(MinMrr3Option), report.MrrAt3, "MRR@3");
        AtLeast(parseResult.GetValue(MinDeclinedOption), report.UnanswerableDeclined, "unanswerable declined");
        if (parseResult.GetValue(MaxWronglyDeclinedOption) is { } max && report.AnswerableDeclined > max)
        {
            missed.Add(F($"answerable wrongly declined {report.AnswerableDeclined:0.000} is above the maximum {max:0.000}"));
        }

        foreach (var line in missed)
        {
            error.WriteLine($"eval failed: {line}");
        }

        return missed.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
