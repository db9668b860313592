using HeeBot.Retrieval.Knowledge;
using HeeBot.Tests;

namespace HeeBot.Retrieval.Tests;

/// <summary>The real HEE article in knowledge/ splits into the passages the bot and the gold set rely on.</summary>
public sealed class KnowledgeArticleTests
{
    [Fact]
    public void HeeArticle_SplitsIntoItsSectionsAndSubsections()
    {
        var document = MarkdownArticleReader.ReadFile(Path.Combine(Repository.Knowledge, "hee.md"), "hee.md");

        Assert.Equal("Unveiling the Role and Impact of Health Education England", document.Title);
        Assert.Equal(13, document.Passages.Count);
        var shape = Assert.Single(document.Passages, p => p.Id == "hee#shape-of-caring-review");
        Assert.Equal("Key Initiatives and Programs > Shape of Caring Review", shape.Title);
        Assert.StartsWith("A comprehensive review aimed at transforming", shape.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(document.Passages, p => p.Text.Contains("Leave a Comment", StringComparison.Ordinal));
        Assert.EndsWith("Cheers to HEE!", document.Passages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GoldQuestions_NameOnlyPassagesThatExist()
    {
        var ids = MarkdownArticleReader.ReadFolder(Repository.Knowledge).SelectMany(d => d.Passages).Select(p => p.Id).ToHashSet();
        var questions = Evaluation.GoldSet.Read(Path.Combine(Repository.Knowledge, "questions.tsv"));

        Assert.True(questions.Count >= 50);
        Assert.True(questions.Count(q => !q.Answerable) >= 10);
        Assert.All(questions.SelectMany(q => q.Expected), id => Assert.Contains(id, ids));
    }
}
