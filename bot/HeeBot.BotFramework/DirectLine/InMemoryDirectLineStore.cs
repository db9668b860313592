using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace HeeBot.BotFramework.DirectLine;

/// <summary>The conversations of the built-in Direct Line channel, in memory, forgotten when idle.</summary>
public sealed class InMemoryDirectLineStore(IOptions<DirectLineOptions> options, TimeProvider time) : IDirectLineStore
{
    private readonly ConcurrentDictionary<string, InMemoryDirectLineConversation> conversations = new(StringComparer.Ordinal);

    /// <summary>Creates a conversation; null when the store is full even after forgetting idle ones.</summary>
    public InMemoryDirectLineConversation? Create(string id, string? userId)
    {
        if (conversations.Count >= options.Value.MaxConversations)
        {
            ForgetIdle();
            if (conversations.Count >= options.Value.MaxConversations)
            {
                return null;
            }
        }

        return conversations.GetOrAdd(id, _ => new InMemoryDirectLineConversation(id, userId, options.Value.MaxActivitiesPerConversation, time.GetUtcNow()));
    }

    /// <summary>The conversation, unless it does not exist or has been idle too long (then it is forgotten).</summary>
    public InMemoryDirectLineConversation? Find(string id)
    {
        if (!conversations.TryGetValue(id, out var conversation))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (now - conversation.LastUsed > options.Value.ConversationIdleTimeout)
        {
            conversations.TryRemove(id, out _);
            return null;
        }

        conversation.Touch(now);
        return conversation;
    }

    public Task<IDirectLineConversation?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult<IDirectLineConversation?>(Find(id));

    public Task<IDirectLineConversation?> CreateAsync(string id, string? userId, CancellationToken cancellationToken) =>
        Task.FromResult<IDirectLineConversation?>(Create(id, userId));

    public void ForgetIdle()
    {
        var cutoff = time.GetUtcNow() - options.Value.ConversationIdleTimeout;
        foreach (var (id, conversation) in conversations)
        {
            if (conversation.LastUsed < cutoff)
            {
                conversations.TryRemove(id, out _);
            }
        }
    }
}
