using HeeBot.Retrieval.Search;

namespace HeeBot.Retrieval.Tests;

/// <summary>How a question is cut into the clauses the embedding model reads besides the whole of it.</summary>
public sealed class QuestionTextTests
{
    [Fact]
    public void AQuestionOfSeveralClauses_IsCutAtPunctuationAndConjunctions()
    {
        var clauses = QuestionText.Clauses("i'm a junior doctor and the rota is wearing me down, is anyone trying to improve things?", minWords: 4);

        Assert.Equal(["i'm a junior doctor", "the rota is wearing me down", "is anyone trying to improve things"], clauses);
    }

    [Theory]
    [InlineData("what is the shape of caring review?")] // one clause
    [InlineData("nurses and doctors")] // a conjunction inside a phrase: no clause of four words
    [InlineData("what is 2.5 per cent of the budget")] // a decimal point ends no clause
    [InlineData("")]
    public void AQuestionWithFewerThanTwoLongClauses_IsReadWhole(string text) =>
        Assert.Empty(QuestionText.Clauses(text, minWords: 4));

    [Fact]
    public void NoClauses_AreReadWhenTurnedOff() =>
        Assert.Empty(QuestionText.Clauses("my brother wants to work on ambulances, but he hates school", minWords: 0));

    [Fact]
    public void ALongRamblingQuestion_IsReadInItsLastClausesOnly()
    {
        var text = string.Join(", ", Enumerable.Range(1, 50).Select(i => $"this is clause number {i}"));

        var clauses = QuestionText.Clauses(text, minWords: 4);

        Assert.Equal(QuestionText.MaxClauses, clauses.Count);
        Assert.Equal("this is clause number 50", clauses[^1]);
    }
}
