namespace HeeBot.Retrieval.Analytics;

/// <summary>Where questions, their outcomes and feedback are kept. SQLite by default; other stores can stand in.</summary>
public interface IQuestionLog
{
    Task RecordQuestionAsync(QuestionEvent question, CancellationToken cancellationToken);

    Task RecordFeedbackAsync(FeedbackEvent feedback, CancellationToken cancellationToken);

    Task<QuestionReport> ReportAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
