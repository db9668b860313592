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

/// <param name="Question">One spelling of it: the same question in other case or spacing is counted with it.</param>
internal sealed record QuestionCount(string Question, int Count)
{
    /// <summary>The passage it was marked helpful on, or chosen for; null for a declined question.</summary>
    public string? PassageId { get; init; }
}

/// <summary>Alternate questions suggested by use (<see cref="Helpful"/>, <see cref="Chosen"/>) and content gaps (<see cref="RepeatedDeclines"/>).</summary>
internal sealed record UsageSuggestions(IReadOnlyList<QuestionCount> Helpful, IReadOnlyList<QuestionCount> Chosen, IReadOnlyList<QuestionCount> RepeatedDeclines);

internal sealed record PassageFeedback(string PassageId, int NotHelpful, int Helpful);

internal sealed record DayFigures(DateOnly Day, int Questions, int Answered, int Helpful, int NotHelpful);
