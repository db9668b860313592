using System.Security.Cryptography;
using System.Text;
using BitFaster.Caching.Lru;
using HeeBot.Bot.Redis;
using HeeBot.BotFramework.Schema;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HeeBot.Bot.Faq;

/// <summary>
/// The activities already answered, so a channel's redelivery (Teams sends an activity again when it has had no
/// response within about 15 s) is answered and logged once. Keyed on channel, conversation and activity id, for an
/// hour: in this process the most recent <see cref="Capacity"/> ids (bounded memory under any load; an LRU of
/// BitFaster.Caching, which evicts in constant time, where MemoryCache sorted all its entries on every overflow and
/// that was 2% of the CPU at full load), in Redis with several instances, where a redelivery may reach another one.
/// </summary>
internal sealed class Redeliveries
{
    public const int Capacity = 100_000;

    /// <summary>Keys longer than this are kept as their hash.</summary>
    public const int MaxKeyLength = 512;

    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly IDatabase? redis;
    private readonly string prefix = string.Empty;
    private readonly ConcurrentTLru<string, bool>? recent;

    public Redeliveries(IServiceProvider services)
    {
        if (services.GetService<IConnectionMultiplexer>() is { } connection)
        {
            redis = connection.GetDatabase();
            prefix = services.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix + "delivered:";
        }
        else
        {
            recent = new ConcurrentTLru<string, bool>(Capacity, Window);
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

        return recent!.TryGet(key, out _);
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

        recent!.AddOrUpdate(key, true);
    }

    /// <summary>
    /// The key of an activity: channel, conversation and id, or the SHA-256 of them when that is longer than
    /// <see cref="MaxKeyLength"/> (ids that long come only from a client making them up), so each entry's memory is bounded.
    /// </summary>
    private static string? Key(Activity activity)
    {
        if (string.IsNullOrEmpty(activity.Id))
        {
            return null;
        }

        var key = $"{activity.ChannelId}\n{activity.Conversation?.Id}\n{activity.Id}";
        return key.Length <= MaxKeyLength ? key : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
