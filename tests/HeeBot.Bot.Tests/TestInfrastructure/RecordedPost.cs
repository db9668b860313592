using System.Text.Json;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>One activity the bot posted to the fake channel.</summary>
public sealed record RecordedPost(string Path, string Authorization, JsonElement Activity)
{
    public string? Text => Activity.TryGetProperty("text", out var t) ? t.GetString() : null;
}
