using System.Text.Json;
using HeeBot.BotFramework.Schema;
using Microsoft.Extensions.Caching.Distributed;

namespace HeeBot.Bot.Faq;

/// <summary>
/// What the bot remembers of a conversation between turns: the last question and how many of its passages were
/// shown, and the last passage given. In a distributed cache: this process's memory (bounded), or Redis when
/// several instances share the conversations. Forgotten after half an hour idle.
/// </summary>
internal sealed class ConversationMemory(IDistributedCache cache)
{
    private static readonly DistributedCacheEntryOptions Idle = new() { SlidingExpiration = TimeSpan.FromMinutes(30) };
    private static readonly DistributedCacheEntryOptions Remembered = new() { SlidingExpiration = TimeSpan.FromHours(6) };
    private static readonly DistributedCacheEntryOptions Answers = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(1) };
    private static readonly byte[] Yes = [1];

    /// <summary>What <see cref="FirstTimeAsync"/> remembers for the welcome, which <see cref="ForgetAsync"/> forgets.</summary>
    public const string Welcomed = "welcomed";

    public async Task<ConversationState> GetAsync(Activity activity, CancellationToken cancellationToken) =>
        await cache.GetAsync(Key(activity), cancellationToken) is { } bytes
            ? JsonSerializer.Deserialize(bytes, ConversationStateJson.Default.ConversationState) ?? ConversationState.Empty
            : ConversationState.Empty;

    public Task SetAsync(Activity activity, ConversationState state, CancellationToken cancellationToken) =>
        cache.SetAsync(Key(activity), JsonSerializer.SerializeToUtf8Bytes(state, ConversationStateJson.Default.ConversationState), Idle, cancellationToken);

    /// <summary>True the first time it is asked for a conversation (and remembers that it was).</summary>
    /// <remarks>Two instances asked at the same moment may both say true: at worst a welcome is shown twice.</remarks>
    public async Task<bool> FirstTimeAsync(Activity activity, string what, CancellationToken cancellationToken)
    {
        var key = $"{Key(activity)}:{what}";
        if (await cache.GetAsync(key, cancellationToken) is not null)
        {
            return false;
        }

        await cache.SetAsync(key, Yes, Remembered, cancellationToken);
        return true;
    }

    /// <summary>Remembers which answer the channel's message <paramref name="messageId"/> carries, for a day, so Teams' own feedback and reactions on it can be recorded.</summary>
    public Task RememberAnswerAsync(Activity activity, string messageId, CardSubmit answer, CancellationToken cancellationToken) =>
        cache.SetAsync($"{Key(activity)}:answer:{messageId}", JsonSerializer.SerializeToUtf8Bytes(answer, CardJson.Default.CardSubmit), Answers, cancellationToken);

    /// <summary>The answer the message <paramref name="messageId"/> carries, if it is one the bot remembers.</summary>
    public async Task<CardSubmit?> AnswerAsync(Activity activity, string? messageId, CancellationToken cancellationToken) =>
        messageId is { Length: > 0 } && await cache.GetAsync($"{Key(activity)}:answer:{messageId}", cancellationToken) is { } bytes
            ? JsonSerializer.Deserialize(bytes, CardJson.Default.CardSubmit)
            : null;

    /// <summary>Forgets the conversation: its state and what was done once in it (the welcome), as when the bot is removed.</summary>
    public async Task ForgetAsync(Activity activity, CancellationToken cancellationToken)
    {
        await cache.RemoveAsync(Key(activity), cancellationToken);
        await cache.RemoveAsync($"{Key(activity)}:{Welcomed}", cancellationToken);
    }

    private static string Key(Activity activity) => $"conversation:{activity.ChannelId}:{activity.Conversation?.Id}";
}

/// <param name="Shown">How many passages of <paramref name="LastQuestion"/> the user has seen.</param>
/// <param name="SectionShown">How many more passages of <paramref name="LastPassageId"/>'s section "tell me more" has shown.</param>
internal sealed record ConversationState(string? LastQuestion, int Shown, string? LastPassageId, int SectionShown = 0)
{
    public static ConversationState Empty { get; } = new(null, 0, null);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(ConversationState))]
internal sealed partial class ConversationStateJson : System.Text.Json.Serialization.JsonSerializerContext;
