using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeeBot.BotFramework.Schema;

/// <summary>Activity metadata such as a mention or client info; fields of other entity types are kept in <see cref="Extra"/>.</summary>
public sealed record Entity
{
    public string? Type { get; init; }

    /// <summary>For a mention: who was mentioned.</summary>
    public ChannelAccount? Mentioned { get; init; }

    /// <summary>For a mention: the mention's text as it appears in the activity's text, e.g. <c>&lt;at&gt;HEE Bot&lt;/at&gt;</c>.</summary>
    public string? Text { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
