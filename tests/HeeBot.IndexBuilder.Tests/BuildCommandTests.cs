using HeeBot.IndexBuilder.Tests.TestInfrastructure;
using HeeBot.Tests;

namespace HeeBot.IndexBuilder.Tests;

public sealed class BuildCommandTests
{
    [Fact]
    public async Task Build_FromTheKnowledgeFolder_PrintsDocumentsPassagesAndTime()
    {
        using var temp = new TempFolder();

        var run = await CliRun.InvokeAsync("build", "--knowledge", Repository.Knowledge, "--index", temp.Combine("index"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("read hee.md: 13 passages", run.Output, StringComparison.Ordinal);
        Assert.Contains("read nhs-england.md: 1 passages", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"built .+index: 2 documents, 14 passages in \d+\.\d\d s", run.Output);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Build_EmbedsPassages_AndARebuildReusesTheVectorsOfUnchangedPassages()
    {
        using var temp = new TempFolder();
        temp.Write("k/a.md", "# A\n\n## Lighthouses\n\nThe keepers trim the lamps at dusk.\n");
        temp.Write("k/b.md", "# B\n\n## Rivers\n\nBarges carry grain downstream in spring.\n");
        var first = await CliRun.InvokeAsync("build", "-k", temp.Combine("k"), "-i", temp.Combine("index"));
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("embedding 2 texts with all-MiniLM-L6-v2-int8 (384 dimensions); 0 of 2 passages' vectors reused", first.Output, StringComparison.Ordinal);

        temp.Write("k/b.md", "# B\n\n## Rivers\n\nBarges carry coal upstream in autumn.\n");
        var second = await CliRun.InvokeAsync("build", "-k", temp.Combine("k"), "-i", temp.Combine("index"));

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("embedding 1 texts with all-MiniLM-L6-v2-int8 (384 dimensions); 1 of 2 passages' vectors reused", second.Output, StringComparison.Ordinal);
        var search = await CliRun.InvokeAsync("search", "-i", temp.Combine("index"), "--json", "--top", "1", "boats moving freight on waterways");
        Assert.Contains("\"id\":\"b#rivers\"", search.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_WithTheFloatModel_IsSearchedWithIt_AndRefusedByTheInt8Model()
    {
        using var temp = new TempFolder();
        temp.Write("k/a.md", "# A\n\n## Lighthouses\n\nThe keepers trim the lamps at dusk.\n");
        var build = await CliRun.InvokeAsync("build", "-k", temp.Combine("k"), "-i", temp.Combine("index"), "--float-model");
        Assert.True(build.ExitCode == 0, build.Error);
        Assert.Contains("embedding 1 texts with all-MiniLM-L6-v2 (384 dimensions)", build.Output, StringComparison.Ordinal);

        var same = await CliRun.InvokeAsync("search", "--float-model", "-i", temp.Combine("index"), "who looks after the lighthouse");
        var other = await CliRun.InvokeAsync("search", "-i", temp.Combine("index"), "who looks after the lighthouse");

        Assert.True(same.ExitCode == 0, same.Error);
        Assert.Contains("[a#lighthouses]", same.Output, StringComparison.Ordinal);
        Assert.Equal(3, other.ExitCode);
        Assert.Contains("was built with the embedding model all-MiniLM-L6-v2 (384 dimensions), this searcher uses all-MiniLM-L6-v2-int8 (384 dimensions); rebuild it", other.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_Lexical_WritesNoVectors_AndAHybridSearchRefusesItWithTheFix()
    {
        using var temp = new TempFolder();
        temp.Write("k/a.md", "# A\n\n## Lighthouses\n\nThe keepers trim the lamps at dusk.\n");
        var build = await CliRun.InvokeAsync("build", "-k", temp.Combine("k"), "-i", temp.Combine("index"), "--retrieval", "lexical");
        Assert.True(build.ExitCode == 0, build.Error);
        Assert.DoesNotContain("embedding", build.Output, StringComparison.Ordinal);

        var hybrid = await CliRun.InvokeAsync("search", "-i", temp.Combine("index"), "lamps");
        var lexical = await CliRun.InvokeAsync("search", "-i", temp.Combine("index"), "--retrieval", "lexical", "lamps");

        Assert.Equal(3, hybrid.ExitCode);
        Assert.Contains("has no passage vectors this searcher can use (built lexical only, or before passage form title-colon-text+questions+title-colon-sentences/2) and this searcher uses all-MiniLM-L6-v2-int8 (384 dimensions); rebuild it with 'heebot-index build'", hybrid.Error, StringComparison.Ordinal);
        Assert.Equal(0, lexical.ExitCode);
        Assert.Contains("[a#lighthouses]", lexical.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_WhenAFileIsBroken_ExitsThreeNamesTheFileAndKeepsTheOldIndex()
    {
        using var temp = new TempFolder();
        temp.Write("k/good.md", "# Good\n\nLighthouses guide ships.\n");
        Assert.Equal(0, (await CliRun.InvokeAsync("build", "-k", temp.Combine("k"), "-i", temp.Combine("index"))).ExitCode);
        var before = Directory.GetFiles(temp.Combine("index")).ToDictionary(f => f, File.ReadAllBytes);
        temp.Write("k/bad.md", "---\ntitle: \"unterminated\n---\n# Bad\n\nText.\n");

        var run = await CliRun.InvokeAsync("build", "-k", temp.Combine("k"), "-i", temp.Combine("index"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains(temp.Combine("k", "bad.md") + ":", run.Error, StringComparison.Ordinal);
        Assert.Contains("The index was not changed.", run.Error, StringComparison.Ordinal);
        Assert.All(before, f => Assert.Equal(f.Value, File.ReadAllBytes(f.Key)));
        var search = await CliRun.InvokeAsync("search", "-i", temp.Combine("index"), "--json", "lighthouses");
        Assert.Contains("\"id\":\"good#good\"", search.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty.md", "", "the file is empty")]
    [InlineData("binary.md", "# T\n\nCaf\u00e9", "not valid UTF-8")]
    public async Task Build_WhenAFileIsUnreadable_ExitsThreeWithTheReason(string name, string content, string reason)
    {
        using var temp = new TempFolder();
        var path = temp.Combine("k", name);
        Directory.CreateDirectory(temp.Combine("k"));
        var bytes = name == "binary.md" ? System.Text.Encoding.Latin1.GetBytes(content) : System.Text.Encoding.UTF8.GetBytes(content);
        File.WriteAllBytes(path, bytes);

        var run = await CliRun.InvokeAsync("build", "-k", temp.Combine("k"), "-i", temp.Combine("index"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains(path, run.Error, StringComparison.Ordinal);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("index")));
    }

    [Fact]
    public async Task Build_WhenTheKnowledgeFolderIsMissing_ExitsThree()
    {
        using var temp = new TempFolder();

        var run = await CliRun.InvokeAsync("build", "-k", temp.Combine("nope"), "-i", temp.Combine("index"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("knowledge folder not found", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("build", "--no-such-option")]
    [InlineData("frobnicate")]
    [InlineData("search", "--top", "0", "x")]
    [InlineData("search", "--top", "many", "x")]
    [InlineData("search", "--syntax", "regex", "x")]
    public async Task AnyCommand_WhenUsageIsWrong_ExitsTwoWithTheError(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("--help", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheCommands()
    {
        var run = await CliRun.InvokeAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("build", run.Output, StringComparison.Ordinal);
        Assert.Contains("search", run.Output, StringComparison.Ordinal);
        Assert.Contains("eval", run.Output, StringComparison.Ordinal);
    }
}
