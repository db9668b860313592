using HeeBot.BotFramework.Schema;

namespace HeeBot.BotFramework.DirectLine;

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
