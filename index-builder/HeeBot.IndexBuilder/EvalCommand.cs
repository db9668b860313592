using System.CommandLine;
using System.Globalization;
using HeeBot.Retrieval.Evaluation;
using HeeBot.Retrieval.Knowledge;
using HeeBot.Retrieval.Search;

namespace HeeBot.IndexBuilder;

/// <summary>
/// <c>eval --index DIR --questions FILE [--retrieval lexical|hybrid|both] [--min-recall1 X] ...</c>: recall@1, MRR@3
/// and the decline rates over a gold set, lexical and hybrid side by side, then every failing question with what came
/// back; exit 1 when a figure of the primary mode (hybrid when it runs) misses its minimum.
/// </summary>
internal sealed class EvalCommand : Command
{
    public EvalCommand()
        : base("eval", "Measure the index against a gold set of questions (questions.tsv), lexical and hybrid side by side.")
    {
        Options.Add(IndexOption);
        Options.Add(QuestionsOption);
        Options.Add(SplitOption);
        Options.Add(RetrievalOption);
        Options.Add(ThresholdOption);
        Options.Add(LexicalThresholdOption);
        Options.Add(LexicalWeightOption);
        Options.Add(ClauseWordsOption);
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

    public Option<string> RetrievalOption { get; } = new Option<string>("--retrieval")
    {
        Description = "both (default): lexical and hybrid side by side, hybrid gated; or lexical or hybrid alone.",
        DefaultValueFactory = _ => "both",
    }.AcceptOnlyFromAmong("both", "lexical", "hybrid");

    public Option<double> ThresholdOption { get; } = Cli.Ranged(
        new Option<double>("--threshold") { Description = "Answer confidence threshold of the hybrid decision.", DefaultValueFactory = _ => SearchOptions.DefaultThreshold }, 0.0, 1.0);

    public Option<double> LexicalThresholdOption { get; } = Cli.Ranged(
        new Option<double>("--lexical-threshold") { Description = "Answer confidence threshold of the lexical decision.", DefaultValueFactory = _ => SearchOptions.DefaultLexicalThreshold }, 0.0, 1.0);

    public Option<double> LexicalWeightOption { get; } = Cli.Ranged(
        new Option<double>("--lexical-weight") { Description = "Weight of the lexical confidence in the fused one.", DefaultValueFactory = _ => FusionSettings.DefaultLexicalWeight }, 0.0, 1.0);

    public Option<int> ClauseWordsOption { get; } = Cli.Ranged(
        new Option<int>("--clause-words")
        {
            Description = "Also read each clause of at least this many words of a question of two or more, hybrid; 0 reads the whole question only.",
            DefaultValueFactory = _ => FusionSettings.DefaultClauseWords,
        }, 0, 100);

    public Option<string> ShowOption { get; } = new Option<string>("--show")
    {
        Description = "Which questions to list with what came back: failures (default) or all.",
        DefaultValueFactory = _ => "failures",
    }.AcceptOnlyFromAmong("failures", "all");

    public Option<bool> SweepOption { get; } = new("--sweep")
    {
        Description = "Also print the figures over thresholds (and, hybrid, lexical weights), to choose an operating point.",
    };

    public Option<double?> MinRecall1Option { get; } = new("--min-recall1") { Description = "Fail (exit 1) when recall@1 is below this." };

    public Option<double?> MinMrr3Option { get; } = new("--min-mrr3") { Description = "Fail (exit 1) when MRR@3 is below this." };

    public Option<double?> MinDeclinedOption { get; } = new("--min-declined") { Description = "Fail (exit 1) when fewer unanswerable questions than this share are declined." };

    public Option<double?> MaxWronglyDeclinedOption { get; } = new("--max-wrongly-declined") { Description = "Fail (exit 1) when more answerable questions than this share are declined." };

    private async Task<int> Run(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var retrieval = parseResult.GetValue(RetrievalOption)!;
        IReadOnlyList<GoldQuestion> questions;
        try
        {
            questions = GoldSet.Read(parseResult.GetValue(QuestionsOption)!);
        }
        catch (KnowledgeFormatException e)
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

        var (searcher, encoder, exitCode) = Cli.Open(parseResult.GetValue(IndexOption)!, retrieval == "lexical" ? RetrievalMode.Lexical : RetrievalMode.Hybrid, Cli.FloatModel(parseResult), error);
        if (searcher is null)
        {
            return exitCode;
        }

        var scoredQuestions = split == "all" ? questions : questions.Where(q => q.Split == split).ToList();
        var lexicalOptions = new SearchOptions(Top: 3, Threshold: parseResult.GetValue(LexicalThresholdOption)) { Mode = RetrievalMode.Lexical };
        var hybridOptions = new SearchOptions(Top: 3, Threshold: parseResult.GetValue(ThresholdOption))
        {
            Fusion = FusionSettings.Default with { LexicalWeight = parseResult.GetValue(LexicalWeightOption), ClauseWords = parseResult.GetValue(ClauseWordsOption) },
        };
        var runs = new List<(string Name, EvaluationReport Report)>();
        using (encoder)
        using (searcher)
        {
            if (retrieval != "hybrid")
            {
                runs.Add(("lexical", await Evaluator.RunAsync(searcher, scoredQuestions, lexicalOptions, cancellationToken)));
            }

            if (retrieval != "lexical")
            {
                runs.Add(("hybrid", await Evaluator.RunAsync(searcher, scoredQuestions, hybridOptions, cancellationToken)));
            }

            if (parseResult.GetValue(SweepOption))
            {
                await EvalSweep.WriteAsync(output, searcher, scoredQuestions, lexicalOptions, retrieval == "lexical" ? null : hybridOptions, cancellationToken);
            }
        }

        EvalReportWriter.WriteFigures(output, split, runs);
        if (split == "all")
        {
            EvalReportWriter.WriteSplits(output, splits, runs);
        }

        var (primaryName, primary) = runs[^1];
        if (primaryName == "hybrid")
        {
            EvalReportWriter.WritePaths(output, primary);
        }

        EvalReportWriter.WriteOutcomes(output, primaryName, primary, all: parseResult.GetValue(ShowOption) == "all");
        return CheckMinimums(parseResult, primaryName, primary, error);
    }

    private int CheckMinimums(ParseResult parseResult, string mode, EvaluationReport report, TextWriter error)
    {
        var missed = new List<string>();
        void AtLeast(double? minimum, double value, string name)
        {
            if (minimum is { } m && value < m)
            {
                missed.Add(F($"{mode} {name} {value:0.000} is below the minimum {m:0.000}"));
            }
        }

        AtLeast(parseResult.GetValue(MinRecall1Option), report.RecallAt1, "recall@1");
        AtLeast(parseResult.GetValue(MinMrr3Option), report.MrrAt3, "MRR@3");
        AtLeast(parseResult.GetValue(MinDeclinedOption), report.UnanswerableDeclined, "unanswerable declined");
        if (parseResult.GetValue(MaxWronglyDeclinedOption) is { } max && report.AnswerableDeclined > max)
        {
            missed.Add(F($"{mode} answerable wrongly declined {report.AnswerableDeclined:0.000} is above the maximum {max:0.000}"));
        }

        foreach (var line in missed)
        {
            error.WriteLine($"eval failed: {line}");
        }

        return missed.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
