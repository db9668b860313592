using HeeBot.BotFramework.Hosting;
using HeeBot.BotFramework.Schema;
using HeeBot.BotFramework.Turns;
using Microsoft.Extensions.Options;

namespace HeeBot.BotFramework.DirectLine;

/// <summary>
/// The channel half of the built-in Direct Line: activities from Direct Line clients go to the bot in-process,
/// through the same turn pipeline as /api/messages, and the bot's replies are appended to the transcript the
/// clients read. A user's activity is echoed into the transcript first, with its server id and timestamp.
/// </summary>
public sealed class DirectLineChannel(IDirectLineStore store, DirectLineTokens tokens, BotAdapter adapter, IBot bot, IOptions<DirectLineOptions> options, TimeProvider time)
{
    public const string ChannelId = Channels.DirectLine;

    private ChannelAccount Bot => new() { Id = options.Value.BotId, Name = options.Value.BotName, Role = "bot" };

    /// <summary>A token for a new conversation, optionally bound to a user id; what <c>POST /tokens/generate</c> returns.</summary>
    public DirectLineConversationInfo GenerateToken(string? userId)
    {
        var conversationId = Guid.NewGuid().ToString("N");
        return new DirectLineConversationInfo(conversationId, tokens.Issue(conversationId, userId), (int)tokens.Lifetime.TotalSeconds);
    }

    public DirectLineConversationInfo RefreshToken(string conversationId, string? userId) =>
        new(conversationId, tokens.Issue(conversationId, userId), (int)tokens.Lifetime.TotalSeconds);

    /// <summary>
    /// Opens the conversation (creating it on first use) and tells the bot the user and the bot joined, which
    /// brings the bot's welcome. Null when no more conversations can be held.
    /// </summary>
    public async Task<IDirectLineConversation?> StartAsync(string conversationId, string? userId, string serviceUrl, CancellationToken cancellationToken)
    {
        var conversation = await store.FindAsync(conversationId, cancellationToken) ?? await store.CreateAsync(conversationId, userId, cancellationToken);
        if (conversation is null || !await conversation.TryMarkStartedAsync(cancellationToken))
        {
            return conversation;
        }

        var user = new ChannelAccount { Id = userId ?? $"dl_{conversationId[..12]}", Role = "user" };
        // No id: the conversationUpdate is not part of the transcript clients read, so replies to it carry no
        // replyToId (as the SDK does on Direct Line); Web Chat would otherwise hold them back waiting for it.
        var update = Stamp(new Activity { Type = ActivityTypes.ConversationUpdate, From = user, MembersAdded = [user, Bot] }, conversation, serviceUrl);
        await adapter.RunTurnAsync(update, new TranscriptSender(this, conversation, serviceUrl), bot, cancellationToken);
        return conversation;
    }

    /// <summary>Echoes the user's activity into the transcript, runs the bot's turn, and returns the stored activity.</summary>
    public async Task<Activity> PostAsync(IDirectLineConversation conversation, Activity activity, string? boundUserId, string serviceUrl, CancellationToken cancellationToken)
    {
        var author = activity.From ?? new ChannelAccount();
        if (boundUserId is not null)
        {
            // A token issued for a user speaks only as that user.
            author = author with { Id = boundUserId };
        }

        var echo = await conversation.AppendAsync(Stamp(activity, conversation, serviceUrl) with
        {
            From = author with { Role = "user" },
            Recipient = Bot,
            CallerId = null,
            DeliveryMode = null,
        }, cancellationToken);
        await adapter.RunTurnAsync(echo, new TranscriptSender(this, conversation, serviceUrl), bot, cancellationToken);
        return echo;
    }

    private Activity Stamp(Activity activity, IDirectLineConversation conversation, string serviceUrl) => activity with
    {
        ChannelId = ChannelId,
        Conversation = new ConversationAccount { Id = conversation.Id },
        ServiceUrl = serviceUrl,
        Timestamp = time.GetUtcNow(),
    };

    /// <summary>Where the bot's replies go: into the transcript, as the bot, with a server id and timestamp.</summary>
    private sealed class TranscriptSender(DirectLineChannel channel, IDirectLineConversation conversation, string serviceUrl) : IActivitySender
    {
        public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
        {
            var stored = await conversation.AppendAsync(channel.Stamp(activity, conversation, serviceUrl) with { From = channel.Bot }, cancellationToken);
            return new ResourceResponse(stored.Id);
        }
    }
}
