using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeeBot.BotFramework.Schema;

/// <summary>The conversation an activity belongs to.</summary>
public sealed record ConversationAccount
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public bool? IsGroup { get; init; }

    /// <summary>Channel-defined; Teams uses personal, groupChat and channel.</summary>
    public string? ConversationType { get; init; }

    public string? TenantId { get; init; }

    public string? AadObjectId { get; init; }

    public string? Role { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
