namespace HeeBot.Retrieval.Analytics;

/// <summary>A user's verdict on an answer.</summary>
/// <param name="EventId">Given when the event travels through a shared queue that may deliver it twice: a log keeps one event per id.</param>
public sealed record FeedbackEvent(
    DateTimeOffset Time,
    string Channel,
    string UserHash,
    string Question,
    string PassageId,
    int? Rank,
    double? Confidence,
    bool Helpful,
    string? EventId = null);
