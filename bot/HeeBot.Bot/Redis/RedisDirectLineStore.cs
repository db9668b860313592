using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using HeeBot.BotFramework.DirectLine;
using HeeBot.BotFramework.Schema;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HeeBot.Bot.Redis;

/// <summary>
/// Direct Line conversations in Redis, so that every instance behind a load balancer sees the same transcripts:
/// per conversation a hash (its user, whether the bot was told), a counter of activities ever appended (the
/// watermark) and a list of the last <see cref="DirectLineOptions.MaxActivitiesPerConversation"/> activities, all
/// expiring after <see cref="DirectLineOptions.ConversationIdleTimeout"/> unused. Appends are one Lua script (id,
/// append, trim, expiry, notification together); instances learn of appends made elsewhere by pub/sub.
/// </summary>
internal sealed class RedisDirectLineStore : IDirectLineStore, IDisposable
{

    // KEYS: meta, index. ARGV: user, ttl seconds, now, max conversations, id, idle cutoff. 1 = exists or created, 0 = full.
    private static readonly LuaScript CreateScript = LuaScript.Prepare("""
        redis.call('ZREMRANGEBYSCORE', @index, '-inf', @cutoff)
        if redis.call('EXISTS', @meta) == 0 then
          if redis.call('ZCARD', @index) >= tonumber(@max) then return 0 end
          redis.call('HSET', @meta, 'user', @user)
        end
        redis.call('EXPIRE', @meta, @ttl)
        redis.call('ZADD', @index, @now, @id)
        return 1
        """);

    // Returns the user field, or nil when the conversation is unknown or expired; keeps it alive.
    private static readonly LuaScript TouchScript = LuaScript.Prepare("""
        local user = redis.call('HGET', @meta, 'user')
        if not user then return nil end
        redis.call('EXPIRE', @meta, @ttl)
        redis.call('EXPIRE', @seq, @ttl)
        redis.call('EXPIRE', @log, @ttl)
        redis.call('EXPIRE', @started, @ttl)
        redis.call('ZADD', @index, @now, @id)
        return user
        """);

    // Appends "<sequence>\n<json>", trims to capacity, notifies; returns the sequence number.
    private static readonly LuaScript AppendScript = LuaScript.Prepare("""
        local n = redis.call('INCR', @seq) - 1
        redis.call('RPUSH', @log, n .. '\n' .. @json)
        redis.call('LTRIM', @log, -tonumber(@capacity), -1)
        redis.call('EXPIRE', @seq, @ttl)
        redis.call('EXPIRE', @log, @ttl)
        redis.call('PUBLISH', @channel, n)
        return n
        """);

    // Returns { total appended, entries after the watermark... }.
    private static readonly LuaScript SinceScript = LuaScript.Prepare("""
        local total = tonumber(redis.call('GET', @seq) or '0')
        local kept = redis.call('LLEN', @log)
        local start = tonumber(@from) - (total - kept)
        if start < 0 then start = 0 end
        local result = { total }
        if start < kept then
          for _, entry in ipairs(redis.call('LRANGE', @log, start, -1)) do table.insert(result, entry) end
        end
        return result
        """);

    private readonly IDatabase redis;
    private readonly ISubscriber subscriber;
    private readonly DirectLineOptions options;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> waiting = new(StringComparer.Ordinal);

    /// <summary>Every key of the store starts with it: <see cref="RedisOptions.KeyPrefix"/> then <c>dl:</c>.</summary>
    private readonly string prefix;
    private readonly string index;
    private readonly RedisChannel changed;

    public RedisDirectLineStore(IConnectionMultiplexer connection, IOptions<DirectLineOptions> options, IOptions<RedisOptions> redisOptions, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(connection);
        prefix = redisOptions.Value.KeyPrefix + "dl:";
        index = prefix + "conversations";
        changed = RedisChannel.Pattern(prefix + "changed:*");
        redis = connection.GetDatabase();
        subscriber = connection.GetSubscriber();
        this.options = options.Value;
        this.time = time;
        subscriber.Subscribe(changed, (channel, _) => Wake(channel.ToString()[(prefix.Length + "changed:".Length)..]));
    }

    private long TtlSeconds => (long)Math.Ceiling(options.ConversationIdleTimeout.TotalSeconds);

    public async Task<IDirectLineConversation?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var user = await redis.ScriptEvaluateAsync(TouchScript, new
        {
            meta = Key(id, "meta"),
            seq = Key(id, "seq"),
            log = Key(id, "log"),
            started = Key(id, "started"),
            index = (RedisKey)index,
            ttl = TtlSeconds,
            now = time.GetUtcNow().ToUnixTimeSeconds(),
            id,
        });
        return user.IsNull ? null : new Conversation(this, id, NullIfEmpty((string?)user));
    }

    public async Task<IDirectLineConversation?> CreateAsync(string id, string? userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var created = (long)await redis.ScriptEvaluateAsync(CreateScript, new
        {
            meta = Key(id, "meta"),
            index = (RedisKey)index,
            user = userId ?? string.Empty,
            ttl = TtlSeconds,
            now = now.ToUnixTimeSeconds(),
            max = options.MaxConversations,
            id,
            cutoff = (now - options.ConversationIdleTimeout).ToUnixTimeSeconds(),
        });
        return created == 1 ? await FindAsync(id, cancellationToken) : null;
    }

    public void Dispose() => subscriber.Unsubscribe(changed);

    private RedisKey Key(string id, string part) => $"{prefix}{{{id}}}:{part}";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private void Wake(string id)
    {
        if (waiting.TryRemove(id, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    private sealed class Conversation(RedisDirectLineStore store, string id, string? userId) : IDirectLineConversation
    {
        public string Id { get; } = id;

        public string? UserId { get; } = userId;

        public Task<bool> TryMarkStartedAsync(CancellationToken cancellationToken) =>
            store.redis.StringSetAsync(store.Key(Id, "started"), "1", store.options.ConversationIdleTimeout, When.NotExists);

        public async Task<Activity> AppendAsync(Activity activity, CancellationToken cancellationToken)
        {
            var json = JsonSerializer.Serialize(activity with { Id = null }, BotJson.Options);
            var sequence = (long)await store.redis.ScriptEvaluateAsync(AppendScript, new
            {
                seq = store.Key(Id, "seq"),
                log = store.Key(Id, "log"),
                json,
                capacity = store.options.MaxActivitiesPerConversation,
                ttl = store.TtlSeconds,
                channel = $"{store.prefix}changed:{Id}",
            });
            return activity with { Id = ActivityId(sequence) };
        }

        public async Task<(IReadOnlyList<Activity> Activities, string Watermark)> SinceAsync(string? watermark, CancellationToken cancellationToken)
        {
            var from = long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : 0;
            var result = (RedisResult[])(await store.redis.ScriptEvaluateAsync(SinceScript, new { seq = store.Key(Id, "seq"), log = store.Key(Id, "log"), from }))!;
            var activities = new List<Activity>(result.Length - 1);
            foreach (var entry in result.Skip(1).Select(e => (string)e!))
            {
                var newline = entry.IndexOf('\n', StringComparison.Ordinal);
                var sequence = long.Parse(entry.AsSpan(0, newline), NumberStyles.None, CultureInfo.InvariantCulture);
                activities.Add(JsonSerializer.Deserialize<Activity>(entry.AsSpan(newline + 1), BotJson.Options)! with { Id = ActivityId(sequence) });
            }

            return (activities, ((long)result[0]).ToString(CultureInfo.InvariantCulture));
        }

        public Task WaitForChangeAsync() =>
            store.waiting.GetOrAdd(Id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        private string ActivityId(long sequence) => $"{Id}|{sequence.ToString("D7", CultureInfo.InvariantCulture)}";
    }
}
