using HeeBot.Retrieval.Search;
using HeeBot.Retrieval.Tests.TestInfrastructure;

namespace HeeBot.Retrieval.Tests;

public sealed class PassageSearcherTests(FixtureIndex index) : IClassFixture<FixtureIndex>
{
    private SearchResult Search(string question, SearchOptions? options = null) => index.Searcher.Search(question, options);

    [Theory]
    [InlineData("How is the Trust run?", "riverside#who-runs-the-trust")]
    [InlineData("how often does the board meet", "riverside#who-runs-the-trust")]
    [InlineData("Can I become a midwife if I'm already a nurse?", "riverside#programmes-3")]
    [InlineData("ambulance apprenticeship", "riverside#programmes-2")]
    [InlineData("where do students practise emergencies", "riverside#simulation-centre")]
    [InlineData("How do I get a prospectus?", "riverside#contact")]
    public void Search_WhenQuestionIsParaphrased_RanksTheMatchingPassageFirst(string question, string expected)
    {
        var result = Search(question);

        Assert.True(result.Answered);
        Assert.Equal(expected, result.Results[0].Id);
    }

    [Fact]
    public void Search_WhenTheQuestionMatchesAnEditorsAlternateQuestion_FindsItsSection()
    {
        var result = Search("how do I get in touch with you");

        Assert.True(result.Answered);
        Assert.Equal("riverside#contact", result.Results[0].Id);
        Assert.DoesNotContain("touch", result.Results[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_ReturnsRankedPassagesWithTheirSections()
    {
        var result = Search("simulation center", new SearchOptions(Top: 3));

        var best = result.Results[0];
        Assert.Equal(1, best.Rank);
        Assert.Equal("riverside#simulation-centre", best.Id);
        Assert.Equal("Programmes > Simulation Centre", best.Title);
        Assert.Equal(["Programmes", "Simulation Centre"], best.HeadingPath);
        Assert.Equal("riverside.md#simulation-centre", best.Source);
        Assert.StartsWith("Students practise emergencies", best.Text, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, result.Results.Count), result.Results.Select(r => r.Rank));
        Assert.True(result.Results.SequenceEqual(result.Results.OrderByDescending(r => r.Score)));
        Assert.True(result.Results.SequenceEqual(result.Results.OrderByDescending(r => r.Confidence)));
    }

    [Fact]
    public void Search_WhenAcronymOrFullNameIsUsed_FindsTheSamePassage()
    {
        Assert.Equal(Search("What does RTT train?").Results[0].Id, Search("What does Riverside Training Trust train?").Results[0].Id);
    }

    [Fact]
    public void Search_WhenWordsAreMisspelt_CorrectsThemFromTheIndexVocabulary()
    {
        var result = Search("simulaton centr mannequns");

        Assert.True(result.Answered);
        Assert.Equal("riverside#simulation-centre", result.Results[0].Id);
        Assert.Equal("simulation", result.Corrections["simulaton"]);
        Assert.Equal("mannequins", result.Corrections["mannequns"]);
    }

    [Fact]
    public void Search_WhenOneWordIsExactAndAnotherMisspelt_RanksTheExactMatchFirst()
    {
        // "governors" is exact (who-runs-the-trust); "parmedic" is a typo of "paramedic" (opening and programmes-2).
        var result = Search("governors parmedic", new SearchOptions(Top: 5));

        Assert.Equal("riverside#who-runs-the-trust-2", result.Results[0].Id);
        Assert.Contains(result.Results, r => r.Id == "riverside#programmes-2");
        Assert.True(result.Results[0].Confidence > result.Results.Single(r => r.Id == "riverside#programmes-2").Confidence);
    }

    [Fact]
    public void Search_WhenTheWordIsKnown_DoesNotCorrectIt()
    {
        Assert.Empty(Search("board").Corrections);
    }

    [Theory]
    [InlineData("What is the capital of France?")]
    [InlineData("Who won the football world cup?")]
    [InlineData("What is the Trust's annual budget?")]
    [InlineData("How do I reset my password?")]
    public void Search_WhenTheQuestionIsOffTopic_Declines(string question)
    {
        var result = Search(question);

        Assert.False(result.Answered);
        Assert.True(result.Results.Count == 0 || result.Results[0].Confidence < SearchOptions.DefaultThreshold);
    }

    [Fact]
    public void Search_WhenOnlyStopWords_ReturnsNothing()
    {
        var result = Search("what is it?");

        Assert.False(result.Answered);
        Assert.Empty(result.Results);
    }

    [Fact]
    public void Search_ThresholdDecidesAnswered()
    {
        var question = "governors and prospectus";
        var confidence = Search(question).Results[0].Confidence;

        Assert.True(Search(question, new SearchOptions(Threshold: confidence)).Answered);
        Assert.False(Search(question, new SearchOptions(Threshold: Math.Min(1, confidence + 0.01))).Answered);
    }

    [Theory]
    [InlineData("board OR")]
    [InlineData("board AND")]
    [InlineData("NOT")]
    [InlineData("title:(x")]
    [InlineData("*")]
    [InlineData("\"")]
    [InlineData("board~ ^2 [a TO b} {")]
    [InlineData("\\")]
    [InlineData("&& || ! - +")]
    [InlineData("/regex/")]
    [InlineData("🙂🚑 board 🙂")]
    [InlineData("\u0000\u0001\u001b[31m board")]
    [InlineData("\ud800 unpaired \udc00 surrogates")]
    [InlineData("")]
    [InlineData("   ")]
    public void Search_WhenTextLooksLikeQuerySyntax_ReturnsNormally(string question)
    {
        var result = Search(question);

        Assert.Equal(question, result.Query);
        Assert.All(result.Results, r => Assert.InRange(r.Confidence, 0, 1));
    }

    [Fact]
    public void Search_WhenQuestionIsHuge_ReturnsNormally()
    {
        var words = Enumerable.Range(0, 2000).Select(i => i % 3 == 0 ? "board" : $"word{i}");
        var question = string.Join(' ', words);

        var result = Search(question[..Math.Min(question.Length, 10_000)]);

        Assert.NotNull(result);
    }

    [Fact]
    public void Search_WhenQuestionIsNull_ReturnsEmpty()
    {
        var result = index.Searcher.Search(null);

        Assert.False(result.Answered);
        Assert.Equal(string.Empty, result.Query);
    }

    [Fact]
    public void Search_WithLuceneSyntax_AcceptsFieldsAndOperators()
    {
        var result = Search("heading:simulation AND body:mannequins", new SearchOptions(Syntax: QuerySyntax.Lucene));

        Assert.Equal("riverside#simulation-centre", Assert.Single(result.Results).Id);
    }

    [Theory]
    [InlineData("board OR")]
    [InlineData("title:(x")]
    [InlineData("\"unclosed")]
    public void Search_WithLuceneSyntax_ReportsParseErrorsClearly(string query)
    {
        var e = Assert.Throws<QuerySyntaxException>(() => Search(query, new SearchOptions(Syntax: QuerySyntax.Lucene)));

        Assert.StartsWith("cannot parse the query:", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ToJson_WritesTheSearchContract()
    {
        var json = Search("simulation centre", new SearchOptions(Top: 1)).ToJson();

        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(["query", "answered", "results"], root.EnumerateObject().Select(p => p.Name));
        var hit = root.GetProperty("results")[0];
        Assert.Equal(["rank", "id", "title", "text", "source", "score", "confidence", "article"], hit.EnumerateObject().Select(p => p.Name));
        Assert.Equal("riverside#simulation-centre", hit.GetProperty("id").GetString());
    }

    [Fact]
    public void Info_ComesFromTheIndexCommit()
    {
        Assert.Equal(1, index.Searcher.Info.Documents);
        Assert.Equal(8, index.Searcher.Info.Passages);
        Assert.True(index.Searcher.Info.BuiltAt > DateTimeOffset.UtcNow.AddMinutes(-10));
    }
}
