using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeeBot.BotFramework.Schema;

/// <summary>
/// A Bot Framework activity, with the wire names of the Activity schema. Properties HeeBot does not model
/// are kept in <see cref="Extra"/> and written back unchanged; channel-specific payloads stay JSON.
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }

    public string? Id { get; init; }

    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset? Timestamp { get; init; }

    public DateTimeOffset? LocalTimestamp { get; init; }

    public string? LocalTimezone { get; init; }

    public string? ServiceUrl { get; init; }

    public string? ChannelId { get; init; }

    public ChannelAccount? From { get; init; }

    public ConversationAccount? Conversation { get; init; }

    public ChannelAccount? Recipient { get; init; }

    public string? TextFormat { get; init; }

    public string? AttachmentLayout { get; init; }

    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }

    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }

    public string? Locale { get; init; }

    public string? Text { get; init; }

    public string? Speak { get; init; }

    public string? InputHint { get; init; }

    public string? Summary { get; init; }

    public SuggestedActions? SuggestedActions { get; init; }

    public IReadOnlyList<Attachment>? Attachments { get; init; }

    public IReadOnlyList<Entity>? Entities { get; init; }

    public JsonElement? ChannelData { get; init; }

    public string? Action { get; init; }

    public string? ReplyToId { get; init; }

    public string? Label { get; init; }

    public string? ValueType { get; init; }

    public JsonElement? Value { get; init; }

    public string? Name { get; init; }

    public string? Code { get; init; }

    public string? DeliveryMode { get; init; }

    public string? CallerId { get; init; }

    /// <summary>Properties of the wire activity this record does not name, kept so they round-trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>
    /// A message replying to this activity, built as the SDK builds replies: from and recipient swapped,
    /// conversation, channel, service URL and locale copied, <c>replyToId</c> set to this activity's id, except for a
    /// <c>conversationUpdate</c> on Direct Line and Web Chat, which the SDK does not reply to by id (the client would show
    /// the reply as answering an activity it never displayed).
    /// </summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name },
        Conversation = Conversation is null ? null : new ConversationAccount { Id = Conversation.Id, Name = Conversation.Name, IsGroup = Conversation.IsGroup },
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        ReplyToId = Type == ActivityTypes.ConversationUpdate && ChannelId is Channels.DirectLine or Channels.WebChat ? null : Id,
        Locale = Locale,
        Text = text,
        InputHint = InputHints.AcceptingInput,
    };
}
