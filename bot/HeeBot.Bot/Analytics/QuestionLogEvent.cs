namespace HeeBot.Bot.Analytics;

/// <summary>
/// What the question log keeps: a question and what became of it, or a user's verdict on an answer. The user is a
/// salted hash (<see cref="UserHasher"/>), never a name or a raw id. <see cref="EventId"/> is unique per event and
/// stable across redeliveries of the activity that caused it, so an event written twice (a retried batch, a
/// redelivered activity answered by another instance) is kept once.
/// </summary>
internal abstract record QuestionLogEvent(string EventId, DateTimeOffset Time, string Channel, string UserHash, string Question)
{
    /// <summary>The longest question the log keeps; longer ones are cut.</summary>
    public const int MaxQuestionLength = 1000;

    public string StoredQuestion => Question.Length > MaxQuestionLength ? Question[..MaxQuestionLength] : Question;
}

/// <summary>A question and its outcome, with the passage given (or the best one considered) when there was one.</summary>
internal sealed record QuestionAsked(
    string EventId, DateTimeOffset Time, string Channel, string UserHash, string Question,
    Outcome Outcome, string? PassageId = null, int? Rank = null, double? Confidence = null)
    : QuestionLogEvent(EventId, Time, Channel, UserHash, Question);

/// <summary>A "helpful" or "not helpful" click on the answer card of <paramref name="PassageId"/>.</summary>
internal sealed record FeedbackGiven(
    string EventId, DateTimeOffset Time, string Channel, string UserHash, string Question,
    string PassageId, int? Rank, double? Confidence, bool Helpful)
    : QuestionLogEvent(EventId, Time, Channel, UserHash, Question);

/// <summary>What became of a question.</summary>
internal enum Outcome
{
    /// <summary>A passage was given as the answer.</summary>
    Answered,

    /// <summary>Nothing answered it well enough.</summary>
    Declined,

    /// <summary>The best passages were too close to call; the user was asked to choose.</summary>
    DidYouMean,

    /// <summary>The user said none of the offered passages answered it.</summary>
    Miss,

    /// <summary>A message about danger (self-harm, abuse, an emergency) got the safeguarding signpost; its text is not kept.</summary>
    Signposted,

    /// <summary>
    /// After "Did you mean", the user chose one of the offered passages for the question: a follow-up of the question
    /// already counted, not a question of its own; the editors' report suggests it as an alternate question.
    /// </summary>
    Chosen,
}
