using System.Globalization;
using HeeBot.BotFramework.Schema;

namespace HeeBot.BotFramework.DirectLine;

/// <summary>
/// One conversation's transcript: user and bot activities in order, each with a server id, bounded in size.
/// Watermarks are the count of activities ever appended, written as a string: opaque, URL-safe, monotonic.
/// </summary>
public sealed class InMemoryDirectLineConversation(string id, string? userId, int capacity, DateTimeOffset now) : IDirectLineConversation
{
    private readonly List<Activity> activities = [];
    private readonly object gate = new();
    private long dropped;
    private int started;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id { get; } = id;

    public string? UserId { get; } = userId;

    public DateTimeOffset LastUsed { get; private set; } = now;

    /// <summary>Whether the bot has been told about this conversation (conversationUpdate sent).</summary>
    public bool Started => started != 0;

    public void Touch(DateTimeOffset now) => LastUsed = now;

    /// <summary>Appends an activity, giving it the next id; returns what was stored.</summary>
    public Activity Append(Activity activity)
    {
        TaskCompletionSource wake;
        Activity stored;
        lock (gate)
        {
            var sequence = dropped + activities.Count;
            stored = activity with { Id = $"{Id}|{sequence.ToString("D7", CultureInfo.InvariantCulture)}" };
            activities.Add(stored);
            if (activities.Count > capacity)
            {
                activities.RemoveAt(0);
                dropped++;
            }

            wake = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
        return stored;
    }

    /// <summary>Activities after <paramref name="watermark"/> (all kept ones for a missing or unreadable one) and the new watermark.</summary>
    public (IReadOnlyList<Activity> Activities, string Watermark) Since(string? watermark)
    {
        lock (gate)
        {
            var from = long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : 0;
            var start = (int)Math.Clamp(from - dropped, 0, activities.Count);
            var end = dropped + activities.Count;
            return (activities.Skip(start).ToList(), end.ToString(CultureInfo.InvariantCulture));
        }
    }

    public Task<bool> TryMarkStartedAsync(CancellationToken cancellationToken) => Task.FromResult(Interlocked.Exchange(ref started, 1) == 0);

    public Task<Activity> AppendAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(Append(activity));

    public Task<(IReadOnlyList<Activity> Activities, string Watermark)> SinceAsync(string? watermark, CancellationToken cancellationToken) =>
        Task.FromResult(Since(watermark));

    /// <summary>Completes when the next activity is appended.</summary>
    public Task WaitForChangeAsync()
    {
        lock (gate)
        {
            return changed.Task;
        }
    }
}
