using HeeBot.Retrieval.Analysis;
using HeeBot.Retrieval.Knowledge;

namespace HeeBot.Retrieval.Tests;

public sealed class PassageAnalyzerTests
{
    private const string Synonyms = """
        hee, health education england
        programme, program
        organisation, organization
        wellbeing, well being
        """;

    private static readonly PassageAnalyzer Analyzer = PassageAnalyzer.Create(Synonyms, "synonyms.txt");

    private static IReadOnlyList<string> Body(string text) => Analyzer.Terms(LuceneSettings.FieldNames.Body, text);

    [Fact]
    public void Terms_DropQuestionWordsAndStopWords()
    {
        Assert.Equal(["shape", "care", "review"], Body("What is the Shape of Caring Review?"));
        Assert.Empty(Body("What is it? Tell me about it, please."));
    }

    [Fact]
    public void Terms_KeepNegations()
    {
        Assert.Equal(["no", "not", "fund"], Body("no, not funded"));
    }

    [Fact]
    public void Terms_RemovePossessivesAndLowerCase()
    {
        Assert.Equal(Body("mission"), Body("MISSION’s"));
        Assert.Equal(Body("doctors"), Body("Doctors'"));
    }

    [Fact]
    public void Terms_StemWordForms()
    {
        Assert.Equal(Body("nurse"), Body("nursing"));
        Assert.Equal(Body("collaborations"), Body("collaborate"));
    }

    [Fact]
    public void Terms_ReduceEverySynonymToItsGroupsFirstTerm()
    {
        Assert.Equal(["hee"], Body("Health Education England"));
        Assert.Equal(["hee"], Body("HEE"));
        Assert.Equal(Body("programme"), Body("program"));
        Assert.Equal(Body("organisation"), Body("organization"));
        Assert.Equal(Body("wellbeing"), Body("well-being"));
    }

    [Fact]
    public void Terms_FoldAccents()
    {
        Assert.Equal(Body("cafe"), Body("café"));
    }

    [Fact]
    public void Vocabulary_GivesDistinctWordsUnstemmedAndDistinctTermsAnalyzed()
    {
        var (words, terms) = Analyzer.Vocabulary("What is the programs of HEE's programs? Health Education England");

        Assert.Equal("what is the programs of hee health education england", words);
        Assert.Equal(string.Join(' ', Body("programs").Concat(["hee"])), terms);
    }

    [Fact]
    public void Vocabulary_StartsAfreshForEachText()
    {
        Analyzer.Vocabulary("nursing students");

        Assert.Equal(("genomics", string.Join(' ', Body("genomics"))), Analyzer.Vocabulary("genomics"));
    }

    [Fact]
    public void Create_WhenASynonymLineIsInvalid_NamesFileAndLine()
    {
        var e = Assert.Throws<KnowledgeFormatException>(() => PassageAnalyzer.Create("a, b\nx => y => z\n", "knowledge/synonyms.txt"));

        Assert.Equal("knowledge/synonyms.txt", e.FilePath);
        Assert.Equal(2, e.Line);
    }
}
