using System.Text.Json;
using HeeBot.Retrieval.Analytics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HeeBot.Bot.Analytics;

/// <summary>
/// With several instances: questions and feedback are pushed onto one Redis list as they happen, each with an event
/// id, so an instance that dies has lost none of them. Instances with <see cref="AnalyticsOptions.DrainQueue"/> move
/// them into their SQLite question log in batches, and a batch is never only in memory: it is moved onto a list the
/// draining instance holds, written, and only then dropped. An instance that dies holding a batch leaves its list
/// behind; once its lease has run out, a live drainer puts the batch back on the queue. An event that gets written
/// twice that way is logged once: the log keeps one event per id.
/// </summary>
internal sealed partial class RedisQuestionQueue(
    IConnectionMultiplexer redis, SqliteQuestionLog store, IOptions<AnalyticsOptions> options, ILogger<RedisQuestionQueue> logger) : BackgroundService, IQuestionLog
{
    private const string Key = "heebot:questionlog";

    /// <summary>The ids of the instances that drain; each has a lease and may hold a batch.</summary>
    private const string DrainersKey = Key + ":drainers";

    private const int BatchSize = 256;
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReclaimEvery = TimeSpan.FromSeconds(5);

    // The held batch if the last write failed; otherwise up to @count events moved from the queue to the held list.
    // Renews the lease either way.
    private static readonly LuaScript TakeScript = LuaScript.Prepare("""
        redis.call('SET', @lease, '1', 'PX', @leaseMs)
        redis.call('SADD', @drainers, @id)
        local held = redis.call('LRANGE', @held, 0, -1)
        if #held > 0 then return held end
        local taken = redis.call('LRANGE', @queue, 0, tonumber(@count) - 1)
        if #taken > 0 then
          redis.call('LTRIM', @queue, #taken, -1)
          redis.call('RPUSH', @held, unpack(taken))
        end
        return taken
        """);

    // A stopped drainer's held batch goes back on the queue and the drainer is forgotten; returns how many events.
    private static readonly LuaScript ReturnScript = LuaScript.Prepare("""
        if redis.call('EXISTS', @lease) == 1 then return 0 end
        local held = redis.call('LRANGE', @held, 0, -1)
        if #held > 0 then redis.call('RPUSH', @queue, unpack(held)) end
        redis.call('DEL', @held)
        redis.call('SREM', @drainers, @id)
        return #held
        """);

    private readonly string drainer = Guid.NewGuid().ToString("N");

    public Task RecordQuestionAsync(QuestionEvent question, CancellationToken cancellationToken) =>
        PushAsync(new Envelope(question with { EventId = question.EventId ?? NewEventId() }, null));

    public Task RecordFeedbackAsync(FeedbackEvent feedback, CancellationToken cancellationToken) =>
        PushAsync(new Envelope(null, feedback with { EventId = feedback.EventId ?? NewEventId() }));

    public Task<QuestionReport> ReportAsync(DateTimeOffset since, CancellationToken cancellationToken) => store.ReportAsync(since, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DrainQueue)
        {
            return;
        }

        var reclaimed = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (DateTimeOffset.UtcNow - reclaimed >= ReclaimEvery)
                {
                    await ReclaimAsync();
                    reclaimed = DateTimeOffset.UtcNow;
                }

                if (await DrainBatchAsync() == 0)
                {
                    await Task.Delay(Idle, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception e) when (IsTransient(e))
            {
                LogDrainFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }

        // Stopping: what is queued now goes into the database before the process ends, and this drainer signs off.
        // If Redis or the database is gone by now, whatever this drainer holds is returned by the next one.
        try
        {
            while (await DrainBatchAsync() > 0)
            {
            }

            var db = redis.GetDatabase();
            await db.KeyDeleteAsync(LeaseKey(drainer));
            await db.SetRemoveAsync(DrainersKey, drainer);
        }
        catch (Exception e) when (IsTransient(e))
        {
            LogStoppedUndrained(logger, e);
        }
    }

    private static bool IsTransient(Exception e) => e is RedisException or TimeoutException or Microsoft.Data.Sqlite.SqliteException or IOException;

    private static RedisKey HeldKey(string drainer) => $"{Key}:held:{drainer}";

    private static RedisKey LeaseKey(string drainer) => $"{Key}:lease:{drainer}";

    private static string NewEventId() => Guid.NewGuid().ToString("N");

    private async Task<int> DrainBatchAsync()
    {
        var db = redis.GetDatabase();
        var held = HeldKey(drainer);
        var taken = (RedisValue[]?)await db.ScriptEvaluateAsync(TakeScript, new
        {
            lease = LeaseKey(drainer),
            leaseMs = (long)Lease.TotalMilliseconds,
            drainers = (RedisKey)DrainersKey,
            id = drainer,
            held,
            queue = (RedisKey)Key,
            count = BatchSize,
        });
        if (taken is not { Length: > 0 })
        {
            return 0;
        }

        var events = taken.Select(e => JsonSerializer.Deserialize(e.ToString(), QueueJson.Default.Envelope)).Select(e => (object?)e?.Question ?? e?.Feedback).OfType<object>().ToList();
        await store.WriteAsync(events, CancellationToken.None);
        await db.KeyDeleteAsync(held);
        return taken.Length;
    }

    /// <summary>Puts the batches held by drainers whose lease has run out back on the queue.</summary>
    private async Task ReclaimAsync()
    {
        var db = redis.GetDatabase();
        foreach (var other in (await db.SetMembersAsync(DrainersKey)).Select(m => m.ToString()))
        {
            if (other == drainer)
            {
                continue;
            }

            var returned = (long)await db.ScriptEvaluateAsync(ReturnScript, new
            {
                lease = LeaseKey(other),
                held = HeldKey(other),
                queue = (RedisKey)Key,
                drainers = (RedisKey)DrainersKey,
                id = other,
            });
            if (returned > 0)
            {
                LogReclaimed(logger, returned, other);
            }
        }
    }

    private Task PushAsync(Envelope envelope) =>
        redis.GetDatabase().ListRightPushAsync(Key, JsonSerializer.Serialize(envelope, QueueJson.Default.Envelope));

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Could not move queued questions and feedback into the database; retrying")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Stopping with questions and feedback still queued; the next instance that drains will write them")]
    private static partial void LogStoppedUndrained(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Put {Count} questions and feedback held by stopped instance {Drainer} back on the queue")]
    private static partial void LogReclaimed(ILogger logger, long count, string drainer);

    internal sealed record Envelope(QuestionEvent? Question, FeedbackEvent? Feedback);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(RedisQuestionQueue.Envelope))]
internal sealed partial class QueueJson : System.Text.Json.Serialization.JsonSerializerContext;
