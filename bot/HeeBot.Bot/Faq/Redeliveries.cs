using HeeBot.Bot.Redis;
using HeeBot.BotFramework.Schema;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HeeBot.Bot.Faq;

/// <summary>
/// The activities already answered, so a channel's redelivery (Teams sends an activity again when it has had no
/// response within about 15 s) is answered and logged once. Keyed on channel, conversation and activity id, for an
/// hour: in this process the most recent <see cref="Capacity"/> ids (bounded memory under any load), in Redis with
/// several instances, where a redelivery may reach another one.
/// </summary>
internal sealed class Redeliveries : IDisposable
{
    public const int Capacity = 100_000;
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly IDatabase? redis;
    private readonly string prefix = string.Empty;
    private readonly MemoryCache? recent;
    private readonly Lock gate = new();

    public Redeliveries(IServiceProvider services)
    {
        if (services.GetService<IConnectionMultiplexer>() is { } connection)
        {
            redis = connection.GetDatabase();
            prefix = services.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix + "delivered:";
        }
        else
        {
            recent = new MemoryCache(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.1 });
        }
    }

    /// <summary>Whether <paramref name="activity"/> was answered already: a redelivery. Activities without an id never were.</summary>
    public async Task<bool> AnsweredAsync(Activity activity)
    {
        if (Key(activity) is not { } key)
        {
            return false;
        }

        if (redis is not null)
        {
            return await redis.KeyExistsAsync(prefix + key);
        }

        lock (gate)
        {
            return recent!.TryGetValue(key, out _);
        }
    }

    /// <summary>
    /// Remembers that <paramref name="activity"/> has been answered: after its turn, so an instance that dies in the middle
    /// leaves the redelivery to be answered by another (the question log counts it once either way, by event id).
    /// </summary>
    public async Task MarkAnsweredAsync(Activity activity)
    {
        if (Key(activity) is not { } key)
        {
            return;
        }

        if (redis is not null)
        {
            await redis.StringSetAsync(prefix + key, 1, Window);
            return;
        }

        lock (gate)
        {
            recent!.Set(key, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Window });
        }
    }

    private static string? Key(Activity activity) =>
        string.IsNullOrEmpty(activity.Id) ? null : $"{activity.ChannelId}\n{activity.Conversation?.Id}\n{activity.Id}";

    public void Dispose() => recent?.Dispose();
}
