using HeeBot.IndexBuilder.Tests.TestInfrastructure;
using HeeBot.Tests;

namespace HeeBot.IndexBuilder.Tests;

/// <summary>The eval gate: the index built from knowledge/ must answer the gold set as well as the product promises.</summary>
public sealed class EvalCommandTests(HeeIndex index) : IClassFixture<HeeIndex>
{
    private static string Questions => Path.Combine(Repository.Knowledge, "questions.tsv");

    private static string UserQuestions => Path.Combine(Repository.Knowledge, "user-questions.tsv");

    [Fact]
    public async Task Eval_OnTheGoldSet_HoldsTheProductTargets()
    {
        var run = await CliRun.InvokeAsync(
            "eval", "--index", index.Path, "--questions", Questions,
            "--min-recall1", "0.90", "--min-mrr3", "0.95", "--min-declined", "0.80", "--max-wrongly-declined", "0.05");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Matches(@"recall@1\s+0\.\d{3}\s+\(\d+/50\)", run.Output);
        Assert.Contains("unanswerable declined", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_OnTheHoldoutSet_ReportsFiguresForQuestionsNobodyTunedFor()
    {
        var run = await CliRun.InvokeAsync("eval", "--index", index.Path, "--questions", Path.Combine(Repository.Knowledge, "holdout-questions.tsv"), "--split", "holdout");

        // Reported, not gated: the figures for this file go in the closing notes; see README.
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"questions \(holdout\): \d+ \(\d+ answerable, \d+ unanswerable\)", run.Output);
    }

    [Fact]
    public async Task Eval_WhenTheSplitIsNotInTheFile_ExitsTwoAndNamesTheSplits()
    {
        var run = await CliRun.InvokeAsync("eval", "-i", index.Path, "-q", Questions, "--split", "train");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("has no split 'train' (it has dev, test)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_WhenAMinimumIsMissed_ExitsOneAndSaysWhich()
    {
        var run = await CliRun.InvokeAsync("eval", "-i", index.Path, "-q", Questions, "--min-recall1", "1.01");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("eval failed: hybrid recall@1", run.Error, StringComparison.Ordinal);
        Assert.Contains("below the minimum 1.010", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_ListsFailingQuestionsWithWhatCameBack()
    {
        using var temp = new TempFolder();
        var questions = temp.Write("q.tsv", "question\texpected\tsplit\nWhat is the Shape of Caring Review?\thee#mission-and-vision\tdev\n");

        var run = await CliRun.InvokeAsync("eval", "-i", index.Path, "-q", questions);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("failing questions (hybrid, 1):", run.Output, StringComparison.Ordinal);
        Assert.Contains("line 2 [dev] \"What is the Shape of Caring Review?\" expected hee#mission-and-vision; answered", run.Output, StringComparison.Ordinal);
        Assert.Contains("1. hee#shape-of-caring-review", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_Sweep_PrintsARowPerThreshold_AndPerFusionSetting()
    {
        var run = await CliRun.InvokeAsync("eval", "-i", index.Path, "-q", Questions, "--split", "dev", "--sweep");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("threshold  recall@1  answered-correctly", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"\n\s+0\.50\s+0\.\d{3}\s+0\.\d{3}", run.Output);
        Assert.Contains("cosine-shift  lexical-weight  threshold", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"\n\s+2\.55\s+0\.40\s+0\.350\s+\d\.\d{3}", run.Output);
    }

    [Fact]
    public async Task Eval_ShowsLexicalAndHybridSideBySide_PerSplit_WithThePathsTaken()
    {
        var run = await CliRun.InvokeAsync("eval", "-i", index.Path, "-q", UserQuestions);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"\n\s+lexical\s+hybrid\n", run.Output);
        Assert.Matches(@"recall@1\s+0\.\d{3}\s+\(\d+/129\)\s+0\.\d{3}\s+\(\d+/129\)", run.Output);
        Assert.Matches(@"  test\s+lexical\s+recall@1", run.Output);
        Assert.Matches(@"  test\s+hybrid\s+recall@1", run.Output);
        Assert.Matches(@"hybrid paths: fast path \d+, model \d+", run.Output);
        Assert.Matches(@"read in clauses as well [1-9]\d*\n", run.Output);
    }

    [Fact]
    public async Task Eval_WithClauseWordsZero_ReadsEveryQuestionWhole()
    {
        var run = await CliRun.InvokeAsync("eval", "-i", index.Path, "-q", UserQuestions, "--retrieval", "hybrid", "--clause-words", "0");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("read in clauses as well 0\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_OnTheUsersQuestionsDevSplit_HoldsTheProductTargets()
    {
        // The split the fusion was tuned on; the test split is reported in the closing notes, never gated or tuned on.
        var run = await CliRun.InvokeAsync(
            "eval", "-i", index.Path, "-q", UserQuestions, "--split", "dev",
            "--min-recall1", "0.90", "--min-declined", "0.85", "--max-wrongly-declined", "0.05");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
    }

    [Fact]
    public async Task Eval_Lexical_PrintsOneColumn_AndGatesTheLexicalFigures()
    {
        var run = await CliRun.InvokeAsync("eval", "-i", index.Path, "-q", Questions, "--retrieval", "lexical", "--min-recall1", "0.99");

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("hybrid", run.Output, StringComparison.Ordinal);
        Assert.Contains("eval failed: lexical recall@1", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_WhenTheQuestionsFileIsMissing_ExitsThree()
    {
        var run = await CliRun.InvokeAsync("eval", "-i", index.Path, "-q", "/no/such/questions.tsv");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("questions file not found", run.Error, StringComparison.Ordinal);
    }
}
