namespace HeeBot.Retrieval.Analytics;

/// <summary>A question and what became of it. <paramref name="UserHash"/> is a salted hash, never a name or raw id.</summary>
public sealed record QuestionEvent(
    DateTimeOffset Time,
    string Channel,
    string UserHash,
    string Question,
    AnswerKind Kind,
    string? PassageId = null,
    int? Rank = null,
    double? Confidence = null);
