using HeeBot.BotFramework.Schema;

namespace HeeBot.BotFramework.Turns;

/// <summary>
/// One turn: the incoming activity and the way to reply. With <c>deliveryMode: expectReplies</c> replies are
/// collected for the HTTP response instead of being sent to the channel.
/// </summary>
public sealed class TurnContext
{
    private readonly IActivitySender sender;
    private readonly List<Activity> buffered = [];

    public TurnContext(Activity activity, IActivitySender sender)
    {
        Activity = activity;
        this.sender = sender;
        ExpectReplies = activity.DeliveryMode == DeliveryModes.ExpectReplies;
    }

    public Activity Activity { get; }

    /// <summary>True when replies go back in the HTTP response body.</summary>
    public bool ExpectReplies { get; }

    /// <summary>Set by an invoke handler; an invoke turn without one is answered 501.</summary>
    public InvokeResponse? InvokeResponse { get; set; }

    /// <summary>The replies collected in <c>expectReplies</c> mode.</summary>
    public IReadOnlyList<Activity> BufferedReplies => buffered;

    /// <summary>How many activities the bot sent this turn.</summary>
    public int SentCount { get; private set; }

    /// <summary>Sends <paramref name="activity"/>; ids are the channel's to assign, so any id is dropped.</summary>
    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        var outgoing = activity with { Id = null };
        SentCount++;
        if (ExpectReplies)
        {
            buffered.Add(outgoing);
            return new ResourceResponse(null);
        }

        return await sender.SendAsync(outgoing, cancellationToken);
    }
}
