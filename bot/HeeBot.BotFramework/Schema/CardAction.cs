using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeeBot.BotFramework.Schema;

/// <summary>A button: <c>imBack</c> sends <see cref="Value"/> back as the user's message.</summary>
public sealed record CardAction
{
    public string? Type { get; init; }

    public string? Title { get; init; }

    public string? Text { get; init; }

    public string? DisplayText { get; init; }

    public JsonElement? Value { get; init; }

    public static CardAction ImBack(string text) => new() { Type = "imBack", Title = text, Value = JsonSerializer.SerializeToElement(text, BotJson.Options) };

    /// <summary><c>openUrl</c>: opens <paramref name="url"/> (a web page, or a <c>mailto:</c> address).</summary>
    public static CardAction OpenUrl(string title, string url) => new() { Type = "openUrl", Title = title, Value = JsonSerializer.SerializeToElement(url, BotJson.Options) };

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
