using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeeBot.BotFramework.Schema;

/// <summary>A card or file attached to an activity; <see cref="Content"/> is the card's JSON.</summary>
public sealed record Attachment
{
    /// <summary>The content type of an Adaptive Card attachment.</summary>
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public string? ContentType { get; init; }

    public string? ContentUrl { get; init; }

    public JsonElement? Content { get; init; }

    public string? Name { get; init; }

    public string? ThumbnailUrl { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
