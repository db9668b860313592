using System.Text.Json;
using HeeBot.Retrieval.Analytics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HeeBot.Bot.Analytics;

/// <summary>
/// With several instances: questions and feedback are pushed onto one Redis list as they happen, so an instance
/// that dies has lost none of them; instances with <see cref="AnalyticsOptions.DrainQueue"/> move them into their
/// SQLite question log in batches (a batch popped by an instance that dies before writing it is the one loss left).
/// </summary>
internal sealed partial class RedisQuestionQueue(
    IConnectionMultiplexer redis, SqliteQuestionLog store, IOptions<AnalyticsOptions> options, ILogger<RedisQuestionQueue> logger) : BackgroundService, IQuestionLog
{
    private const string Key = "heebot:questionlog";
    private const int BatchSize = 256;
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(200);

    public Task RecordQuestionAsync(QuestionEvent question, CancellationToken cancellationToken) => PushAsync(new Envelope(question, null));

    public Task RecordFeedbackAsync(FeedbackEvent feedback, CancellationToken cancellationToken) => PushAsync(new Envelope(null, feedback));

    public Task<QuestionReport> ReportAsync(DateTimeOffset since, CancellationToken cancellationToken) => store.ReportAsync(since, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DrainQueue)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DrainBatchAsync() == 0)
                {
                    await Task.Delay(Idle, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception e) when (e is RedisException or TimeoutException or Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                LogDrainFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }

        // Stopping: what is queued now goes into the database before the process ends.
        while (await DrainBatchAsync() > 0)
        {
        }
    }

    private async Task<int> DrainBatchAsync()
    {
        var popped = await redis.GetDatabase().ListLeftPopAsync(Key, BatchSize);
        if (popped is not { Length: > 0 })
        {
            return 0;
        }

        var events = popped.Select(e => JsonSerializer.Deserialize(e.ToString(), QueueJson.Default.Envelope)).Select(e => (object?)e?.Question ?? e?.Feedback).OfType<object>().ToList();
        await store.WriteAsync(events, CancellationToken.None);
        return popped.Length;
    }

    private Task PushAsync(Envelope envelope) =>
        redis.GetDatabase().ListRightPushAsync(Key, JsonSerializer.Serialize(envelope, QueueJson.Default.Envelope));

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Could not move queued questions and feedback into the database; retrying")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception);

    internal sealed record Envelope(QuestionEvent? Question, FeedbackEvent? Feedback);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(RedisQuestionQueue.Envelope))]
internal sealed partial class QueueJson : System.Text.Json.Serialization.JsonSerializerContext;
