using System.Text.Json;
using HeeBot.IndexBuilder.Tests.TestInfrastructure;

namespace HeeBot.IndexBuilder.Tests;

public sealed class SearchCommandTests(HeeIndex index) : IClassFixture<HeeIndex>
{
    [Fact]
    public async Task SearchJson_ShapeOfCaringQuestion_RanksTheShapeOfCaringPassageFirst()
    {
        var run = await CliRun.InvokeAsync("search", "--index", index.Path, "--json", "What is the Shape of Caring Review?");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("What is the Shape of Caring Review?", root.GetProperty("query").GetString());
        Assert.True(root.GetProperty("answered").GetBoolean());
        var best = root.GetProperty("results")[0];
        Assert.Equal(1, best.GetProperty("rank").GetInt32());
        Assert.Equal("hee#shape-of-caring-review", best.GetProperty("id").GetString());
        Assert.Equal("Key Initiatives and Programs > Shape of Caring Review", best.GetProperty("title").GetString());
        Assert.Equal("A comprehensive review aimed at transforming the education and training of nurses and care assistants to meet the future needs of the healthcare sector.", best.GetProperty("text").GetString());
        Assert.Equal("hee.md#shape-of-caring-review", best.GetProperty("source").GetString());
        Assert.InRange(best.GetProperty("confidence").GetDouble(), 0.5, 1);
        Assert.True(best.GetProperty("score").GetDouble() > 0);
        Assert.Equal(3, root.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Search_Text_ShowsSectionsConfidenceAndIds()
    {
        var run = await CliRun.InvokeAsync("search", "-i", index.Path, "--top", "2", "genomc educaton program");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(read 'genomc' as 'genomic')", run.Output, StringComparison.Ordinal);
        Assert.Contains("1. Key Initiatives and Programs > Genomic Education Programme  (confidence", run.Output, StringComparison.Ordinal);
        Assert.Contains("[hee#genomic-education-programme]", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("3. ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Text_WhenOffTopic_SaysItDeclined()
    {
        var run = await CliRun.InvokeAsync("search", "-i", index.Path, "What is the capital of France?");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Declined: the best passage has confidence", run.Output, StringComparison.Ordinal);
        Assert.Contains("below 0.35. Closest passages:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WithoutAQuestion_ReadsStdinAndWritesOneJsonObjectPerLine()
    {
        var stdin = "What is HEE?\n\nshape of caring OR\nWhat is the capital of France?\n";

        var run = await CliRun.InvokeWithInputAsync(stdin, "search", "-i", index.Path);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var results = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["What is HEE?", "shape of caring OR", "What is the capital of France?"], results.Select(r => r.GetProperty("query").GetString()));
        Assert.Equal("hee#shape-of-caring-review", results[1].GetProperty("results")[0].GetProperty("id").GetString());
        Assert.False(results[2].GetProperty("answered").GetBoolean());
    }

    [Fact]
    public async Task Search_LuceneSyntax_RunsEditorQueries()
    {
        var run = await CliRun.InvokeAsync("search", "-i", index.Path, "--syntax", "lucene", "--json", "heading:genomic AND body:genomics");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"id\":\"hee#genomic-education-programme\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_LuceneSyntax_WhenTheQueryIsBroken_ExitsThreeWithTheParseError()
    {
        var run = await CliRun.InvokeAsync("search", "-i", index.Path, "--syntax", "lucene", "shape of caring OR");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("error: cannot parse the query:", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task Search_LuceneSyntaxBatch_ReportsABadLineInPlaceAndCarriesOn()
    {
        var run = await CliRun.InvokeWithInputAsync("title:(x\ngenomic\n", "search", "-i", index.Path, "--syntax", "lucene");

        Assert.Equal(3, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("cannot parse the query", JsonDocument.Parse(lines[0]).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(JsonDocument.Parse(lines[1]).RootElement.GetProperty("answered").GetBoolean());
    }

    [Fact]
    public async Task Search_WhenTheIndexIsMissing_ExitsThreeAndSaysHowToBuildIt()
    {
        var run = await CliRun.InvokeAsync("search", "-i", "/no/such/index", "x");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("heebot-index build", run.Error, StringComparison.Ordinal);
    }
}
