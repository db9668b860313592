using HeeBot.IndexBuilder.Tests.TestInfrastructure;
using HeeBot.Retrieval.Analytics;
using HeeBot.Tests;

namespace HeeBot.IndexBuilder.Tests;

public sealed class ReportCommandTests
{
    /// <summary>A log with known contents: 10 questions in the last week (6 answered, 1 did-you-mean, 2 declined, 1 miss), feedback, and one old question.</summary>
    private static async Task<string> SeedAsync(TempFolder temp)
    {
        var path = temp.Combine("data", "heebot.db");
        var log = SqliteQuestionLog.Open(path);
        var now = DateTimeOffset.UtcNow;
        async Task Q(string question, AnswerKind kind, int daysAgo = 1) =>
            await log.RecordQuestionAsync(new QuestionEvent(now.AddDays(-daysAgo), "webchat", "h1", question, kind, kind == AnswerKind.Answered ? "hee#shape-of-caring-review" : null, 1, 0.9), CancellationToken.None);
        async Task F(string passage, bool helpful) =>
            await log.RecordFeedbackAsync(new FeedbackEvent(now.AddDays(-1), "webchat", "h1", "q", passage, 1, 0.9, helpful), CancellationToken.None);

        for (var i = 0; i < 6; i++)
        {
            await Q("What is the Shape of Caring Review?", AnswerKind.Answered, i % 3);
        }

        await Q("How does HEE improve patient care and workforce challenges?", AnswerKind.DidYouMean);
        await Q("What is HEE's budget?", AnswerKind.Declined);
        await Q("what is hee's budget? ", AnswerKind.Declined);
        await Q("Who runs HEE?", AnswerKind.Miss);
        await Q("An old question", AnswerKind.Declined, daysAgo: 30);
        await F("hee#genomic-education-programme", helpful: false);
        await F("hee#genomic-education-programme", helpful: false);
        await F("hee#genomic-education-programme", helpful: true);
        await F("hee#shape-of-caring-review", helpful: true);
        return path;
    }

    [Fact]
    public async Task Report_OverASeededLog_GivesTheExpectedFigures()
    {
        using var temp = new TempFolder();
        var db = await SeedAsync(temp);

        var run = await CliRun.InvokeAsync("report", "--db", db, "--since", "7d");

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

        var run = await CliRun.InvokeAsync("report", "--db", db, "--since", "all");

        Assert.Contains("questions             11", run.Output, StringComparison.Ordinal);
        Assert.Contains("An old question", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_WhenTheLogIsMissing_ExitsThree()
    {
        var run = await CliRun.InvokeAsync("report", "--db", "/no/such/heebot.db");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("no question log at /no/such/heebot.db", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("yesterday")]
    [InlineData("0d")]
    public async Task Report_WithABadPeriod_ExitsTwo(string since)
    {
        var run = await CliRun.InvokeAsync("report", "--db", "x.db", "--since", since);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--since takes a period", run.Error, StringComparison.Ordinal);
    }
}
