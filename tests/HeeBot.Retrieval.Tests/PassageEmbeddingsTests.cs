using HeeBot.Retrieval.Indexing;
using HeeBot.Retrieval.Knowledge;

namespace HeeBot.Retrieval.Tests;

/// <summary>What the builder embeds for a passage: its text, its section's questions, and its sentences when it has several.</summary>
public sealed class PassageEmbeddingsTests
{
    [Fact]
    public void APassageOfSeveralSentences_IsEmbeddedWhole_ThenByQuestion_ThenBySentence_EachUnderItsTitle()
    {
        var passage = new Passage("a#b", "a", "A", ["Lighthouses"], "The keepers trim the lamps at dusk. Ships pass at night! Why? 4 keepers live there.", "a.md#b", 3)
        {
            Questions = ["who keeps the lights"],
        };

        Assert.Equal(
            [
                "Lighthouses: The keepers trim the lamps at dusk. Ships pass at night! Why? 4 keepers live there.",
                "who keeps the lights",
                "Lighthouses: The keepers trim the lamps at dusk.",
                "Lighthouses: Ships pass at night!",
                "Lighthouses: Why?",
                "Lighthouses: 4 keepers live there.",
            ],
            PassageEmbeddings.Inputs(passage));
    }

    [Fact]
    public void APassageOfOneSentence_HasNoSentenceVectorsBesidesItsOwn()
    {
        var passage = new Passage("a#b", "a", "A", ["Rivers"], "Barges carry grain downstream in spring.", "a.md#b", 3);

        Assert.Equal(["Rivers: Barges carry grain downstream in spring."], PassageEmbeddings.Inputs(passage));
    }

    [Theory]
    [InlineData("Courses, e.g. nursing and midwifery, start in autumn.")]
    [InlineData("Lucene.Net 4.8 is used. ")]
    [InlineData("It ended in 2023.")]
    public void AStopInsideASentence_DoesNotCutIt(string text) =>
        Assert.Equal([text.Trim()], PassageEmbeddings.Sentences(text));
}
