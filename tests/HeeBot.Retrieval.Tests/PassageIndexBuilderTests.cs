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
    public void Build_OfACorpusWrittenInSlices_HoldsEveryPassageOnce_AndKnowsEveryWord()
    {
        using var temp = new TempFolder();
        const int articles = 3, sections = 4, paragraphs = 2_000;
        for (var a = 0; a < articles; a++)
        {
            var text = new System.Text.StringBuilder($"# Article {a}\n\n");
            for (var s = 0; s < sections; s++)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"## Section {s}\n\n");
                for (var p = 0; p < paragraphs; p++)
                {
                    text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Paragraph zq{a}q{s}q{p} of the corpus.\n\n");
                }
            }

            temp.Write($"k/a{a}.md", text.ToString());
        }

        temp.Write("k/first.md", "# First\n\nOnly here: riverbanks.\n");
        temp.Write("k/z-last.md", "# Last\n\nOnly here: lighthouses.\n");

        var result = PassageIndexBuilder.Build(temp.Combine("k"), temp.Combine("index"));

        const int passages = (articles * sections * paragraphs) + 2;
        Assert.True(passages > 2 * LuceneSettings.PassagesPerIndexingSlice, "the corpus must be written in more than one slice");
        Assert.Equal(passages, result.Passages);
        using (var reader = Lucene.Net.Index.DirectoryReader.Open(Lucene.Net.Store.FSDirectory.Open(temp.Combine("index"))))
        {
            Assert.Equal(passages, reader.NumDocs);
            var ids = Enumerable.Range(0, reader.MaxDoc).Select(d => reader.Document(d).Get(LuceneSettings.FieldNames.Id)).ToHashSet();
            Assert.Equal(passages, ids.Count);
        }

        using var searcher = PassageSearcher.Open(temp.Combine("index"));
        Assert.Equal(passages, searcher.Info.Passages);
        foreach (var word in new[] { "zq0q0q0", "zq1q2q1000", "zq2q3q1999" })
        {
            Assert.Contains(word, searcher.Search($"which paragraph is {word}?").Results[0].Text, StringComparison.Ordinal);
        }

        Assert.Equal("first#first", searcher.Search("riverbanks").Results[0].Id);
        Assert.Equal("z-last#last", searcher.Search("lighthouses").Results[0].Id);
        Assert.Equal("first#first", searcher.Search("riverbnks").Results[0].Id);
        Assert.Equal("z-last#last", searcher.Search("lighthuses").Results[0].Id);
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
