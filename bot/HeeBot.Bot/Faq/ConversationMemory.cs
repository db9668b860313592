using HeeBot.BotFramework.Schema;
using Microsoft.Extensions.Caching.Memory;

namespace HeeBot.Bot.Faq;

/// <summary>
/// What the bot remembers of a conversation between turns: the last question and how many of its passages were
/// shown, and the last passage given. Bounded (an entry per conversation in a size-limited cache) and forgotten
/// after half an hour idle.
/// </summary>
internal sealed class ConversationMemory(IMemoryCache cache)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    public ConversationState Get(Activity activity) =>
        cache.TryGetValue(Key(activity), out ConversationState? state) && state is not null ? state : ConversationState.Empty;

    public void Set(Activity activity, ConversationState state) =>
        cache.Set(Key(activity), state, new MemoryCacheEntryOptions { SlidingExpiration = Idle, Size = 1 });

    /// <summary>True the first time it is asked for a conversation (and remembers that it was).</summary>
    public bool FirstTime(Activity activity, string what)
    {
        var key = $"{Key(activity)}:{what}";
        if (cache.TryGetValue(key, out _))
        {
            return false;
        }

        cache.Set(key, true, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(6), Size = 1 });
        return true;
    }

    private static string Key(Activity activity) => $"conversation:{activity.ChannelId}:{activity.Conversation?.Id}";
}

/// <param name="Shown">How many passages of <paramref name="LastQuestion"/> the user has seen.</param>
internal sealed record ConversationState(string? LastQuestion, int Shown, string? LastPassageId)
{
    public static ConversationState Empty { get; } = new(null, 0, null);
}
