using HeeBot.Bot.Faq;

namespace HeeBot.Bot.Tests;

/// <summary>What counts as small talk rather than a question: the whole message, case and end punctuation aside.</summary>
public sealed class SmallTalkTests
{
    [Theory]
    [InlineData("hello", "Greeting")]
    [InlineData("Good afternoon, bot", "None")]
    [InlineData("Hi there!", "Greeting")]
    [InlineData("thanks a lot", "Thanks")]
    [InlineData("Cheers.", "Thanks")]
    [InlineData("help", "Help")]
    [InlineData("what can you do?", "Help")]
    [InlineData("/start", "Help")]
    [InlineData("more", "More")]
    [InlineData("show me more", "More")]
    [InlineData("what else?", "More")]
    [InlineData("tell me more", "TellMeMore")]
    [InlineData("Can you elaborate on that?", "TellMeMore")]
    [InlineData("hello, what is the Shape of Caring Review?", "None")]
    [InlineData("thanks for the funding of nurses", "None")]
    [InlineData("more about the Genomic Education Programme", "None")]
    [InlineData("can I talk to someone?", "Person")]
    [InlineData("speak to a human please", "Person")]
    [InlineData("real person", "Person")]
    [InlineData("who can I talk to about funding?", "None")]
    [InlineData("", "None")]
    public void Classify_TakesTheWholeMessage(string text, string expected) => Assert.Equal(Enum.Parse<SmallTalk.Kind>(expected), SmallTalk.Classify(text));
}
