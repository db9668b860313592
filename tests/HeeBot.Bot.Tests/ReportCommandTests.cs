using HeeBot.Bot.Analytics;
using HeeBot.Tests;

namespace HeeBot.Bot.Tests;

/// <summary><c>HeeBot.Bot report</c>, the editors' summary of the question log, run as the app runs it.</summary>
public sealed class ReportCommandTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ReportCommand.RunAsync(args, output, error, TimeProvider.System);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A log with known contents: 10 questions in the last week (6 answered, 1 did-you-mean, 2 declined, 1 miss), feedback, and one old question.</summary>
    private static async Task<string> SeedAsync(TempFolder temp)
    {
        var path = temp.Combine("data", "heebot.db");
        var log = SqliteQuestionLog.Open(path);
        var now = DateTimeOffset.UtcNow;
        var n = 0;
        async Task Q(string question, Outcome kind, int daysAgo = 1) =>
            await log.WriteAsync([new QuestionAsked($"e{++n}", now.AddDays(-daysAgo), "webchat", "h1", question, kind, kind == Outcome.Answered ? "hee#shape-of-caring-review" : null, 1, 0.9)], CancellationToken.None);
        async Task F(string passage, bool helpful) =>
            await log.WriteAsync([new FeedbackGiven($"e{++n}", now.AddDays(-1), "webchat", "h1", "q", passage, 1, 0.9, helpful)], CancellationToken.None);

        for (var i = 0; i < 6; i++)
        {
            await Q("What is the Shape of Caring Review?", Outcome.Answered, i % 3);
        }

        await Q("How does HEE improve patient care and workforce challenges?", Outcome.DidYouMean);
        await Q("What is HEE's budget?", Outcome.Declined);
        await Q("what is hee's budget? ", Outcome.Declined);
        await Q("Who runs HEE?", Outcome.Miss);
        await Q("An old question", Outcome.Declined, daysAgo: 30);
        await F("hee#genomic-education-programme", helpful: false);
        await F("hee#genomic-education-programme", helpful: false);
        await F("hee#genomic-education-programme", helpful: true);
        await F("hee#shape-of-caring-review", helpful: true);
        return path;
    }

    [Fact]
    public async Task Report_ListsTheArticlesDueForReview_FromTheIndex()
    {
        using var temp = new TempFolder();
        var db = await SeedAsync(temp);
        temp.Write("k/old.md", "---\nreviewed: 2020-01-31\nreview-every: 1 year\n---\n# Lighthouses\n\nThe keepers trim the lamps at dusk.\n");
        temp.Write("k/new.md", "---\nreviewed: 2026-11-30\nnext-review: 2099-11-30\n---\n# Rivers\n\nBarges carry grain downstream.\n");
        HeeBot.Retrieval.Indexing.PassageIndexBuilder.Build(temp.Combine("k"), temp.Combine("index"));

        var (exit, output, error) = await RunAsync("--db", db, "--index", temp.Combine("index"));

        Assert.True(exit == 0, error);
        Assert.Contains("articles due for review:\n  old.md  due 2021-01-31 (last reviewed 2020-01-31)  Lighthouses", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("new.md", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_OverASeededLog_GivesTheExpectedFigures()
    {
        using var temp = new TempFolder();
        var db = await SeedAsync(temp);

        var run = await RunAsync("--db", db, "--since", "7d");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("questions             10", run.Output, StringComparison.Ordinal);
        Assert.Contains("answered              6  (60.0%)", run.Output, StringComparison.Ordinal);
        Assert.Contains("did you mean          1  (10.0%)", run.Output, StringComparison.Ordinal);
        Assert.Contains("declined              2", run.Output, StringComparison.Ordinal);
        Assert.Contains("none of these         1", run.Output, StringComparison.Ordinal);
        Assert.Contains("feedback              2 helpful, 2 not helpful", run.Output, StringComparison.Ordinal);
        Assert.Contains("     2  What is HEE's budget?", run.Output, StringComparison.Ordinal);
        Assert.Contains("     1  Who runs HEE?", run.Output, StringComparison.Ordinal);
        Assert.Contains("     2 not helpful, 1 helpful  hee#genomic-education-programme", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("An old question", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_AllTime_IncludesOldQuestions()
    {
        using var temp = new TempFolder();
        var db = await SeedAsync(temp);

        var run = await RunAsync("--db", db, "--since", "all");

        Assert.Contains("questions             11", run.Output, StringComparison.Ordinal);
        Assert.Contains("An old question", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_WhenTheLogIsMissing_ExitsThree()
    {
        var run = await RunAsync("--db", "/no/such/heebot.db");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("no question log at /no/such/heebot.db", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("yesterday")]
    [InlineData("0d")]
    public async Task Report_WithABadPeriod_ExitsTwo(string since)
    {
        var run = await RunAsync("--db", "x.db", "--since", since);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--since takes a period", run.Error, StringComparison.Ordinal);
    }
}
