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
    public void PassageTokens_GiveTheDistinctTermsOfAllFields_AndTheWordsUnstemmed()
    {
        var tokens = new PassageTokens(Analyzer);

        tokens.Analyze("What is the programs", "of HEE's programs?", "Health Education England");

        Assert.Equal(string.Join(' ', Body("programs").Concat(["hee"])), tokens.Terms.Join(' '));
        Assert.Equal("what is the programs of hee health education england", tokens.NewWords.Join(' '));
    }

    [Fact]
    public void PassageTokens_TermsStartAfreshForEachPassage_WordsComeOnceOnly()
    {
        var tokens = new PassageTokens(Analyzer);
        tokens.Analyze("Nursing", string.Empty, "nursing students");

        tokens.Analyze(string.Empty, string.Empty, "genomics for nursing");

        Assert.Equal(string.Join(' ', Body("genomics for nursing")), tokens.Terms.Join(' '));
        Assert.Equal("genomics for", tokens.NewWords.Join(' '));
    }

    [Fact]
    public void PassageTokens_ReplayEachFieldAsTheAnalyzerGivesIt_PositionsIncluded()
    {
        const string text = "The HEE programme: well-being of the nurses, and Health Education England's review.";
        var tokens = new PassageTokens(Analyzer);
        tokens.Analyze("Heading", "A question?", text);

        Assert.Equal(Read(Analyzer.GetTokenStream(LuceneSettings.FieldNames.Body, text)), Read(tokens.Body.Replay()));
        Assert.Equal(Read(Analyzer.GetTokenStream(LuceneSettings.FieldNames.Questions, "A question?")), Read(tokens.Questions.Replay()));
        Assert.Contains(Read(tokens.Body.Replay()), t => t.Increment > 1);
    }

    private static List<(string Term, int Increment)> Read(Lucene.Net.Analysis.TokenStream stream)
    {
        var read = new List<(string, int)>();
        using (stream)
        {
            var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
            var increment = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IPositionIncrementAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                read.Add((term.ToString(), increment.PositionIncrement));
            }

            stream.End();
        }

        return read;
    }

    [Fact]
    public void Create_WhenASynonymLineIsInvalid_NamesFileAndLine()
    {
        var e = Assert.Throws<KnowledgeFormatException>(() => PassageAnalyzer.Create("a, b\nx => y => z\n", "knowledge/synonyms.txt"));

        Assert.Equal("knowledge/synonyms.txt", e.FilePath);
        Assert.Equal(2, e.Line);
    }
}
