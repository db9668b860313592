namespace HeeBot.Bot.Analytics;

/// <summary>What people asked and got, for the people who keep the content.</summary>
internal sealed record QuestionReport(
    DateTimeOffset Since,
    int Questions,
    int Answered,
    int Declined,
    int DidYouMean,
    int Misses,
    int Helpful,
    int NotHelpful,
    IReadOnlyList<QuestionCount> TopDeclined,
    IReadOnlyList<PassageFeedback> MostNotHelpful,
    IReadOnlyList<DayFigures> Days)
{
    /// <summary>Share of questions answered directly.</summary>
    public double AnswerRate => Questions == 0 ? 0 : (double)Answered / Questions;

    /// <summary>Share of questions that got a "Did you mean" choice.</summary>
    public double DidYouMeanRate => Questions == 0 ? 0 : (double)DidYouMean / Questions;
}

internal sealed record QuestionCount(string Question, int Count);

internal sealed record PassageFeedback(string PassageId, int NotHelpful, int Helpful);

internal sealed record DayFigures(DateOnly Day, int Questions, int Answered, int Helpful, int NotHelpful);
