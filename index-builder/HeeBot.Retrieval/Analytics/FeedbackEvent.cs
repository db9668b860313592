namespace HeeBot.Retrieval.Analytics;

/// <summary>A user's verdict on an answer.</summary>
public sealed record FeedbackEvent(
    DateTimeOffset Time,
    string Channel,
    string UserHash,
    string Question,
    string PassageId,
    int? Rank,
    double? Confidence,
    bool Helpful);
