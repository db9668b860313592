using System.Text.Json.Serialization;

namespace HeeBot.BotFramework.DirectLine;

/// <summary>The Direct Line 3.0 Conversation object (note the snake_case <c>expires_in</c>, as on the wire).</summary>
public sealed record DirectLineConversationInfo(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string? StreamUrl = null);
