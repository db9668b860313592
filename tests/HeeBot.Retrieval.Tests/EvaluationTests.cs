using HeeBot.Retrieval.Evaluation;
using HeeBot.Retrieval.Knowledge;
using HeeBot.Retrieval.Search;
using HeeBot.Retrieval.Tests.TestInfrastructure;
using HeeBot.Tests;

namespace HeeBot.Retrieval.Tests;

public sealed class EvaluationTests(FixtureIndex index) : IClassFixture<FixtureIndex>
{
    private static GoldQuestion Q(string question, params string[] expected) => new(question, expected.ToHashSet(), "dev", 2);

    [Fact]
    public void Run_ScoresRankedAndDeclinedQuestions()
    {
        var report = Evaluator.Run(index.Searcher, [
            Q("where do students practise emergencies", "riverside#simulation-centre"),
            Q("where do students practise emergencies", "riverside#contact", "riverside#simulation-centre"),
            Q("where do students practise emergencies", "riverside#contact"),
            Q("What is the capital of France?"),
        ]);

        Assert.Equal((3, 1), (report.Answerable, report.Unanswerable));
        Assert.Equal(2.0 / 3, report.RecallAt1, 6);
        Assert.Equal(1.0, report.UnanswerableDeclined);
        Assert.Equal(0.0, report.AnswerableDeclined);
        Assert.Single(report.Failures);
    }

    [Fact]
    public void Run_WhenAnAnswerableQuestionIsDeclined_ScoresItsRankingButNotAsAnsweredCorrectly()
    {
        var answered = Evaluator.Run(index.Searcher, [Q("simulation centre", "riverside#simulation-centre")], new SearchOptions(Threshold: 1.0));
        var declined = Evaluator.Run(index.Searcher, [Q("simulation centre governors board", "riverside#simulation-centre")], new SearchOptions(Threshold: 0.99));

        Assert.Equal((1.0, 1.0, 0.0), (answered.RecallAt1, answered.AnsweredCorrectly, answered.AnswerableDeclined));
        Assert.Equal("riverside#simulation-centre", declined.Outcomes[0].Result.Results[0].Id);
        Assert.Equal((1.0, 1.0), (declined.RecallAt1, declined.MrrAt3));
        Assert.Equal((0.0, 1.0), (declined.AnsweredCorrectly, declined.AnswerableDeclined));
        Assert.Single(declined.Failures);
    }

    [Fact]
    public void GoldSet_Read_ParsesExpectedIdsAndSplits()
    {
        using var temp = new TempFolder();
        var path = temp.Write("q.tsv", "question\texpected\tsplit\nWhat?\ta#b, a#c\ttest\nOff topic?\t-\tdev\n");

        var questions = GoldSet.Read(path);

        Assert.Equal(["a#b", "a#c"], questions[0].Expected.Order());
        Assert.Equal(("test", 2), (questions[0].Split, questions[0].Line));
        Assert.False(questions[1].Answerable);
    }

    [Fact]
    public void GoldSet_Read_WhenALineHasNoExpectedColumn_NamesTheLine()
    {
        using var temp = new TempFolder();
        var path = temp.Write("q.tsv", "question\texpected\nfine\t-\nbroken line\n");

        var e = Assert.Throws<KnowledgeFormatException>(() => GoldSet.Read(path));

        Assert.Equal(3, e.Line);
    }
}
