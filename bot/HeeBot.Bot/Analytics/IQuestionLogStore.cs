namespace HeeBot.Bot.Analytics;

/// <summary>Where the question log is kept: a SQLite file for one instance, PostgreSQL for several.</summary>
internal interface IQuestionLogStore
{
    /// <summary>Stores <paramref name="events"/> in one transaction; an event whose id is already there is skipped.</summary>
    Task WriteAsync(IReadOnlyList<QuestionLogEvent> events, CancellationToken cancellationToken);

    Task<QuestionReport> ReportAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>What use suggests to the editors: questions marked helpful and did-you-mean choices (each with its passage), repeated declines.</summary>
    Task<UsageSuggestions> SuggestionsAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Deletes questions and feedback from before <paramref name="cutoff"/>; returns how many rows went.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Throws unless the database answers a trivial query (for health checks).</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}
