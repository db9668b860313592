namespace HeeBot.Retrieval.Analytics;

/// <summary>A question and what became of it. <paramref name="UserHash"/> is a salted hash, never a name or raw id.</summary>
/// <param name="EventId">Given when the event travels through a shared queue that may deliver it twice: a log keeps one event per id.</param>
public sealed record QuestionEvent(
    DateTimeOffset Time,
    string Channel,
    string UserHash,
    string Question,
    AnswerKind Kind,
    string? PassageId = null,
    int? Rank = null,
    double? Confidence = null,
    string? EventId = null);
