using HeeBot.BotFramework.Schema;

namespace HeeBot.BotFramework.DirectLine;

/// <summary>
/// Where the built-in Direct Line keeps its conversations: in this process (<see cref="DirectLineStore"/>), or in
/// Redis (<see cref="RedisDirectLineStore"/>) so that any of several instances can serve any request.
/// </summary>
public interface IDirectLineStore
{
    /// <summary>The conversation, unless it does not exist or has been idle too long; using it keeps it alive.</summary>
    Task<IDirectLineConversation?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates the conversation (or returns it if it exists); null when no more can be held.</summary>
    Task<IDirectLineConversation?> CreateAsync(string id, string? userId, CancellationToken cancellationToken);
}

/// <summary>One conversation's transcript: activities in order with server ids, watermarks, and change notification.</summary>
public interface IDirectLineConversation
{
    string Id { get; }

    string? UserId { get; }

    /// <summary>True for the one caller that first marks the conversation started (and so tells the bot about it).</summary>
    Task<bool> TryMarkStartedAsync(CancellationToken cancellationToken);

    /// <summary>Appends an activity, giving it the next id; returns what was stored.</summary>
    Task<Activity> AppendAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>Activities after <paramref name="watermark"/> (all kept ones for a missing or unreadable one) and the new watermark.</summary>
    Task<(IReadOnlyList<Activity> Activities, string Watermark)> SinceAsync(string? watermark, CancellationToken cancellationToken);

    /// <summary>Completes when an activity is appended after this call, here or on another instance.</summary>
    Task WaitForChangeAsync();
}
