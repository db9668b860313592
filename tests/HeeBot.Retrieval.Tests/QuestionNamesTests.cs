using HeeBot.Retrieval.Search;

namespace HeeBot.Retrieval.Tests;

public sealed class QuestionNamesTests
{
    [Theory]
    [InlineData("what does Skills for Health do", "Skills for Health")]
    [InlineData("What is the Genomic Medicine Service?", "Genomic Medicine Service")]
    [InlineData("is the NHS Long Term Workforce Plan part of this", "NHS Long Term Workforce Plan")]
    [InlineData("Does Health Education England work with the Royal College of Nursing?", "Health Education England|Royal College of Nursing")]
    [InlineData("hi, I'm reading about Enhancing Junior Doctors' Working Lives and the rota", "Enhancing Junior Doctors' Working Lives")]
    public void NamesAreRunsOfCapitalisedWords_WithoutTheQuestionsOpening(string question, string names) =>
        Assert.Equal(names.Split('|'), QuestionNames.Of(question));

    [Theory]
    [InlineData("What is HEE?")]
    [InlineData("who runs the trust")]
    [InlineData("What Is The Shape Of Caring Review")]
    [InlineData("WHAT DOES SKILLS FOR HEALTH DO")]
    [InlineData("")]
    [InlineData("I Am")]
    public void QuestionsWithoutNames_OrInCapitalsOrTitleCase_HaveNone(string question) =>
        Assert.Empty(QuestionNames.Of(question));
}
