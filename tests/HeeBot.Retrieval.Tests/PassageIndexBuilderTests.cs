using HeeBot.Retrieval.Indexing;
using HeeBot.Retrieval.Knowledge;
using HeeBot.Retrieval.Search;
using HeeBot.Retrieval.Tests.TestInfrastructure;
using HeeBot.Tests;

namespace HeeBot.Retrieval.Tests;

public sealed class PassageIndexBuilderTests
{
    [Fact]
    public void Build_WritesAnIndexTheSearcherOpens()
    {
        using var temp = new TempFolder();
        var lines = new List<string>();

        var result = PassageIndexBuilder.Build(FixtureIndex.KnowledgePath, temp.Combine("index"), log: lines.Add);

        Assert.Equal((1, 8), (result.Documents, result.Passages));
        Assert.Contains("read riverside.md: 8 passages", lines);
        using var searcher = PassageSearcher.Open(temp.Combine("index"));
        Assert.Equal(8, searcher.Info.Passages);
    }

    [Fact]
    public void Build_WhenRunAgain_ReplacesTheIndexAndLeavesNoStagingFolders()
    {
        using var temp = new TempFolder();
        temp.Write("k/a.md", "# A\n\nOne passage.\n");
        PassageIndexBuilder.Build(temp.Combine("k"), temp.Combine("index"));
        temp.Write("k/b.md", "# B\n\nAnother passage.\n\nAnd a third.\n");

        var result = PassageIndexBuilder.Build(temp.Combine("k"), temp.Combine("index"));

        Assert.Equal(3, result.Passages);
        Assert.Equal(["index", "k"], Directory.GetDirectories(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Build_WhenAFileIsBroken_LeavesThePreviousIndexUntouched()
    {
        using var temp = new TempFolder();
        temp.Write("k/a.md", "# A\n\nThe original passage about lighthouses.\n");
        PassageIndexBuilder.Build(temp.Combine("k"), temp.Combine("index"));
        var before = Directory.GetFiles(temp.Combine("index")).ToDictionary(f => f, File.ReadAllBytes);
        temp.Write("k/broken.md", "---\ntitle: [oops\n---\n# B\n\nText.\n");

        var e = Assert.Throws<KnowledgeFormatException>(() => PassageIndexBuilder.Build(temp.Combine("k"), temp.Combine("index")));

        Assert.Contains("broken.md", e.Message, StringComparison.Ordinal);
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(temp.Combine("index")).Order());
        Assert.All(before, file => Assert.Equal(file.Value, File.ReadAllBytes(file.Key)));
        using var searcher = PassageSearcher.Open(temp.Combine("index"));
        Assert.Equal("a#a", searcher.Search("lighthouses").Results[0].Id);
    }

    [Fact]
    public void Build_WhenNamedSynonymsFileIsMissing_SaysSo()
    {
        using var temp = new TempFolder();

        var e = Assert.Throws<KnowledgeFormatException>(() =>
            PassageIndexBuilder.Build(FixtureIndex.KnowledgePath, temp.Combine("index"), synonymsPath: temp.Combine("nope.txt")));

        Assert.Contains("synonyms file not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UsesTheKnowledgeFoldersSynonymsForQueriesToo()
    {
        using var temp = new TempFolder();
        temp.Write("k/a.md", "# A\n\nThe Riverside Training Trust trains paramedics.\n");
        temp.Write("k/synonyms.txt", "rtt, riverside training trust\n");
        PassageIndexBuilder.Build(temp.Combine("k"), temp.Combine("index"));

        using var searcher = PassageSearcher.Open(temp.Combine("index"));

        Assert.True(searcher.Search("RTT").Answered);
    }

    [Fact]
    public void Open_WhenThereIsNoIndex_SaysHowToBuildOne()
    {
        var e = Assert.Throws<IndexUnavailableException>(() => PassageSearcher.Open("/no/such/index"));

        Assert.Contains("heebot-index build", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_WhenTheFolderIsNotAnIndex_SaysSo()
    {
        using var temp = new TempFolder();

        var e = Assert.Throws<IndexUnavailableException>(() => PassageSearcher.Open(temp.Path));

        Assert.Contains("not a HeeBot index", e.Message, StringComparison.Ordinal);
    }
}
