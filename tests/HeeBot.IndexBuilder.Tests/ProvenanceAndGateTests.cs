using HeeBot.IndexBuilder.Tests.TestInfrastructure;
using HeeBot.Tests;

namespace HeeBot.IndexBuilder.Tests;

/// <summary>
/// Front matter provenance (url, review dates, contact) as an editor writes it, and the regression gate that keeps a
/// build which breaks the gold set from replacing the index.
/// </summary>
public sealed class ProvenanceAndGateTests
{
    private const string Lighthouses = "# Lighthouses\n\n## Keepers\n\nThe keepers trim the lamps at dusk.\n\n## Fog\n\nA horn sounds every thirty seconds in fog.\n";

    [Fact]
    public async Task Build_KeepsEachArticlesLinkAndReviewDate_AndSearchJsonCarriesThem()
    {
        using var temp = new TempFolder();
        temp.Write("k/lights.md", "---\nurl: https://lights.example/guide\nreviewed: 2026-03-02\nreview-every: 12 months\ncontact: keepers@lights.example\n---\n" + Lighthouses);

        var build = await CliRun.InvokeAsync("build", "-k", temp.Combine("k"), "-i", temp.Combine("index"), "--retrieval", "lexical");
        var search = await CliRun.InvokeAsync("search", "-i", temp.Combine("index"), "--retrieval", "lexical", "--json", "--top", "1", "who trims the lamps");

        Assert.True(build.ExitCode == 0, build.Error);
        Assert.Equal(string.Empty, build.Error); // not due until 2027-03-02
        Assert.Contains("\"article\":{\"id\":\"lights\",\"title\":\"Lighthouses\",\"file\":\"lights.md\",\"url\":\"https://lights.example/guide\",\"reviewed\":\"2026-03-02\",\"nextReview\":\"2027-03-02\",\"contact\":\"mailto:keepers@lights.example\"}", search.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_WarnsAboutAnArticleDueForReview_AndStillBuilds()
    {
        using var temp = new TempFolder();
        temp.Write("k/lights.md", "---\nreviewed: 2020-01-31\nnext-review: 2021-01-31\n---\n" + Lighthouses);

        var build = await CliRun.InvokeAsync("build", "-k", temp.Combine("k"), "-i", temp.Combine("index"), "--retrieval", "lexical");

        Assert.Equal(0, build.ExitCode);
        Assert.Contains($"warning: {temp.Combine("k", "lights.md")}: due for review since 2021-01-31 (last reviewed 2020-01-31)", build.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reviewed: 31/01/2026", 2, "front matter field 'reviewed' is '31/01/2026'; give a date as yyyy-MM-dd")]
    [InlineData("title: T\nreview-every: fortnightly\nreviewed: 2026-01-01", 3, "front matter field 'review-every' is 'fortnightly'; give a period such as '6 months'")]
    [InlineData("review-every: 6 months", 2, "front matter field 'review-every' needs 'reviewed'")]
    [InlineData("url: lights.example/guide", 2, "front matter field 'url' is 'lights.example/guide'; give the full https:// address")]
    [InlineData("contact: call the keepers", 2, "front matter field 'contact' is 'call the keepers'; give an https:// address or an email address")]
    public async Task Build_WithBadProvenance_ExitsThreeNamingTheFileLineAndField(string field, int line, string problem)
    {
        using var temp = new TempFolder();
        temp.Write("k/lights.md", $"---\n{field}\n---\n" + Lighthouses);

        var build = await CliRun.InvokeAsync("build", "-k", temp.Combine("k"), "-i", temp.Combine("index"), "--retrieval", "lexical");

        Assert.Equal(3, build.ExitCode);
        Assert.Contains($"{temp.Combine("k", "lights.md")}:{line}: {problem}", build.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_ThatBreaksTheGoldSet_IsRefusedNamingTheQuestions_AndTheOldIndexStays()
    {
        using var temp = new TempFolder();
        temp.Write("k/lights.md", Lighthouses);
        temp.Write("k/questions.tsv", "question\texpected\tsplit\nWho trims the lamps?\tlights#keepers\tdev\nWhat happens in fog?\tlights#fog\tdev\n");
        var good = await CliRun.InvokeAsync("build", "-k", temp.Combine("k"), "-i", temp.Combine("index"), "--retrieval", "lexical");
        Assert.True(good.ExitCode == 0, good.Error);
        Assert.Contains("gate: recall@1 1.000 on", good.Output, StringComparison.Ordinal);
        var before = Directory.GetFiles(temp.Combine("index")).ToDictionary(f => f, File.ReadAllBytes);

        // An edit that drops the fog section: one of two gold questions breaks, recall@1 0.5 < 0.85.
        temp.Write("k/lights.md", "# Lighthouses\n\n## Keepers\n\nThe keepers trim the lamps at dusk.\n");
        var refused = await CliRun.InvokeAsync("build", "-k", temp.Combine("k"), "-i", temp.Combine("index"), "--retrieval", "lexical");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("refused by the regression gate: recall@1 0.500", refused.Error, StringComparison.Ordinal);
        Assert.Contains("questions that broke: \"What happens in fog?\"", refused.Error, StringComparison.Ordinal);
        Assert.Contains("The index was not changed.", refused.Error, StringComparison.Ordinal);
        Assert.All(before, f => Assert.Equal(f.Value, File.ReadAllBytes(f.Key)));
        Assert.DoesNotContain(Directory.GetDirectories(temp.Path), d => d.Contains(".building-", StringComparison.Ordinal));

        var forced = await CliRun.InvokeAsync("build", "-k", temp.Combine("k"), "-i", temp.Combine("index"), "--retrieval", "lexical", "--min-recall", "0");
        Assert.Equal(0, forced.ExitCode);
    }
}
