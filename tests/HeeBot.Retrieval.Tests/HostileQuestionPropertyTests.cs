using CsCheck;
using HeeBot.Retrieval.Search;
using HeeBot.Retrieval.Tests.TestInfrastructure;

namespace HeeBot.Retrieval.Tests;

/// <summary>Thousands of generated strings through the searcher: it always returns a well-formed result.</summary>
public sealed class HostileQuestionPropertyTests(FixtureIndex index) : IClassFixture<FixtureIndex>
{
    private static readonly string[] Fragments =
    [
        "board", "Trust", "midwife", "simulaton", "AND", "OR", "NOT", "&&", "||", "!", "+", "-", "(", ")", "{", "}", "[", "]",
        "^", "\"", "~", "*", "?", ":", "\\", "/", "title:", "body:(", "TO", "'s", "’", "🙂", "\u0000", "\ud800", "é", "ﬁ", "\t", "\n",
    ];

    /// <summary>Query-syntax fragments and words mixed with any characters at all.</summary>
    private static readonly Gen<string> Hostile = Gen.OneOf(
        Gen.String,
        Gen.Char.Array[0, 400].Select(chars => new string(chars)),
        Gen.OneOfConst(Fragments).Array[0, 30].Select(parts => string.Join(' ', parts)),
        Gen.OneOfConst(Fragments).Array[0, 30].Select(parts => string.Concat(parts)));

    private static void AssertWellFormed(string question, SearchResult result)
    {
        Assert.Equal(question, result.Query);
        Assert.Equal(Enumerable.Range(1, result.Results.Count), result.Results.Select(r => r.Rank));
        Assert.All(result.Results, r => Assert.InRange(r.Confidence, 0, 1));
        Assert.True(result.Results.Zip(result.Results.Skip(1)).All(p => p.First.Confidence >= p.Second.Confidence));
        Assert.True(!result.Answered || result.Results.Count > 0);
        using var json = System.Text.Json.JsonDocument.Parse(result.ToJson());
        Assert.Equal(result.Results.Count, json.RootElement.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void Search_AnyText_ReturnsAWellFormedResult()
    {
        Hostile.Sample(question => AssertWellFormed(question, index.Searcher.Search(question)), iter: 5_000, threads: 1);
    }

    [Fact]
    public void Search_AnyTextInLuceneSyntax_ReturnsOrReportsASyntaxError()
    {
        Hostile.Sample(
            question =>
            {
                try
                {
                    AssertWellFormed(question, index.Searcher.Search(question, new SearchOptions(Syntax: QuerySyntax.Lucene)));
                }
                catch (QuerySyntaxException e)
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                }
            },
            iter: 2_000,
            threads: 1);
    }
}
