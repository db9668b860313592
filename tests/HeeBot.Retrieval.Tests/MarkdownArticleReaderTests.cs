using System.Text;
using HeeBot.Retrieval.Knowledge;
using HeeBot.Retrieval.Tests.TestInfrastructure;
using HeeBot.Tests;

namespace HeeBot.Retrieval.Tests;

public sealed class MarkdownArticleReaderTests
{
    private static KnowledgeDocument Fixture() =>
        MarkdownArticleReader.ReadFile(Path.Combine(FixtureIndex.KnowledgePath, "riverside.md"), "riverside.md");

    [Fact]
    public void ReadFile_SplitsParagraphsAndListItems_OnePassageEach()
    {
        var passages = Fixture().Passages;

        Assert.Equal(
            [
                "riverside#riverside-training-trust",
                "riverside#who-runs-the-trust",
                "riverside#who-runs-the-trust-2",
                "riverside#programmes",
                "riverside#programmes-2",
                "riverside#programmes-3",
                "riverside#simulation-centre",
                "riverside#contact",
            ],
            passages.Select(p => p.Id));
    }

    [Fact]
    public void ReadFile_NeverMakesAPassageOfABareHeading()
    {
        var passages = Fixture().Passages;

        Assert.DoesNotContain(passages, p => p.Text is "Who runs the Trust?" or "Programmes" or "Simulation Centre" or "Contact");
        Assert.All(passages, p => Assert.False(string.IsNullOrWhiteSpace(p.Text)));
    }

    [Fact]
    public void ReadFile_GivesEachPassageItsHeadingPathSourceAndLine()
    {
        var passages = Fixture().Passages;

        var simulation = Assert.Single(passages, p => p.Id == "riverside#simulation-centre");
        Assert.Equal(["Programmes", "Simulation Centre"], simulation.HeadingPath);
        Assert.Equal("Programmes > Simulation Centre", simulation.Title);
        Assert.Equal("riverside.md#simulation-centre", simulation.Source);
        Assert.Equal(32, simulation.Line);

        var opening = passages[0];
        Assert.Equal(["Riverside Training Trust"], opening.HeadingPath);
    }

    [Fact]
    public void ReadFile_FlattensInlineMarkupToPlainText()
    {
        var item = Assert.Single(Fixture().Passages, p => p.Id == "riverside#programmes-2");

        Assert.Equal("Paramedic Pathway: a two-year apprenticeship for ambulance crews.", item.Text);
    }

    [Fact]
    public void ReadFile_ReadsFrontMatter()
    {
        var document = Fixture();

        Assert.Equal("riverside", document.Id);
        Assert.Equal("Riverside Training Trust", document.Title);
        Assert.Equal("Test fixture", document.Source);
        Assert.Equal("A made-up training body, for tests.", document.Summary);
    }

    [Fact]
    public void Parse_WhenFrontMatterSetsId_UsesItForPassageIds()
    {
        var document = MarkdownArticleReader.Parse("---\nid: faq\n---\n# T\n\nText.\n", "x.md");

        Assert.Equal("faq#t", Assert.Single(document.Passages).Id);
    }

    [Fact]
    public void Parse_GivesEachPassageTheQuestionsFrontMatterNamesForItsSection()
    {
        var document = MarkdownArticleReader.Parse(
            "---\nquestions:\n  costs:\n    - How much is it?\n    - Is it free?\n  t: What is this?\n---\n# T\n\nIntro.\n\n## Costs\n\nIt is free.\n\nReally.\n",
            "x.md");

        Assert.Equal(["What is this?"], document.Passages[0].Questions);
        Assert.Equal(["How much is it?", "Is it free?"], document.Passages[1].Questions);
        Assert.Equal(["How much is it?", "Is it free?"], document.Passages[2].Questions);
    }

    [Fact]
    public void Parse_WhenQuestionsNameAMissingSection_NamesTheLineAndTheSections()
    {
        var e = Assert.Throws<KnowledgeFormatException>(() =>
            MarkdownArticleReader.Parse("---\ntitle: T\nquestions:\n  costs: [How much?]\n---\n# T\n\n## Fees\n\nFree.\n", "x.md"));

        Assert.Equal(4, e.Line);
        Assert.Contains("'costs'", e.Message, StringComparison.Ordinal);
        Assert.Contains("fees", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenFrontMatterIsNotYaml_NamesFileAndLine()
    {
        var e = Assert.Throws<KnowledgeFormatException>(() =>
            MarkdownArticleReader.Parse("---\ntitle: ok\nsummary: [unclosed\n---\n# T\n\nText.\n", "broken.md"));

        Assert.Equal("broken.md", e.FilePath);
        Assert.NotNull(e.Line);
        Assert.InRange(e.Line!.Value, 2, 4);
        Assert.StartsWith("broken.md:", e.Message, StringComparison.Ordinal);
        Assert.Contains("front matter", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenFrontMatterIsNeverClosed_SaysSoAtLineOne()
    {
        var e = Assert.Throws<KnowledgeFormatException>(() => MarkdownArticleReader.Parse("---\ntitle: x\n# T\n\nText.\n", "open.md"));

        Assert.Equal(1, e.Line);
        Assert.Contains("never closed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenFrontMatterFieldIsAList_NamesTheField()
    {
        var e = Assert.Throws<KnowledgeFormatException>(() => MarkdownArticleReader.Parse("---\ntitle:\n  - a\n  - b\n---\n\nText.\n", "list.md"));

        Assert.Contains("'title'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n ")]
    public void Parse_WhenFileIsEmpty_SaysSo(string text)
    {
        var e = Assert.Throws<KnowledgeFormatException>(() => MarkdownArticleReader.Parse(text, "empty.md"));

        Assert.Equal("empty.md: the file is empty", e.Message);
    }

    [Fact]
    public void Parse_WhenThereIsNoTitle_SaysHowToAddOne()
    {
        var e = Assert.Throws<KnowledgeFormatException>(() => MarkdownArticleReader.Parse("Just text.\n", "untitled.md"));

        Assert.Contains("title", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenOnlyHeadings_SaysThereAreNoPassages()
    {
        var e = Assert.Throws<KnowledgeFormatException>(() => MarkdownArticleReader.Parse("# Title\n\n## Section\n", "bare.md"));

        Assert.Contains("no passages", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_WhenBytesAreNotUtf8_NamesFileAndLine()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("latin1.md");
        var bytes = Encoding.UTF8.GetBytes("# Title\n\nFirst line.\n").Concat(new byte[] { 0x43, 0x61, 0x66, 0xE9, 0x0A }).ToArray();
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<KnowledgeFormatException>(() => MarkdownArticleReader.ReadFile(path, "latin1.md"));

        Assert.Equal(4, e.Line);
        Assert.Contains("UTF-8", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFolder_WhenTwoArticlesShareAnId_NamesBothFiles()
    {
        using var temp = new TempFolder();
        temp.Write("a.md", "---\nid: same\n---\n# T\n\nOne.\n");
        temp.Write("b.md", "---\nid: same\n---\n# T\n\nTwo.\n");

        var e = Assert.Throws<KnowledgeFormatException>(() => MarkdownArticleReader.ReadFolder(temp.Path));

        Assert.Contains("duplicate passage id 'same#t'", e.Message, StringComparison.Ordinal);
        Assert.Contains("a.md", e.Message, StringComparison.Ordinal);
        Assert.Contains("b.md", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFolder_WhenFolderIsMissing_SaysSo()
    {
        var e = Assert.Throws<KnowledgeFormatException>(() => MarkdownArticleReader.ReadFolder("/no/such/folder"));

        Assert.Equal("/no/such/folder: knowledge folder not found", e.Message);
    }

    [Fact]
    public void ReadFolder_WhenThereAreNoMarkdownFiles_SaysSo()
    {
        using var temp = new TempFolder();
        temp.Write("notes.txt", "not markdown");

        var e = Assert.Throws<KnowledgeFormatException>(() => MarkdownArticleReader.ReadFolder(temp.Path));

        Assert.Contains("no Markdown (.md) files", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFolder_ReadsSubfoldersWithPathsInIds()
    {
        using var temp = new TempFolder();
        temp.Write("a.md", "# A\n\nOne.\n");
        temp.Write("more/b.md", "# B\n\nTwo.\n");

        var documents = MarkdownArticleReader.ReadFolder(temp.Path);

        Assert.Equal(["a#a", "more/b#b"], documents.SelectMany(d => d.Passages).Select(p => p.Id));
        Assert.Equal("more/b.md#b", documents[1].Passages[0].Source);
    }
}
