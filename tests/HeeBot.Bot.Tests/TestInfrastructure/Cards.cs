using System.Text.Json;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>Reading the Adaptive Card of a reply.</summary>
public static class Cards
{
    /// <summary>The text of each TextBlock of the reply's first card, in order.</summary>
    public static IReadOnlyList<string> Blocks(JsonElement activity) =>
        [.. activity.GetProperty("attachments")[0].GetProperty("content").GetProperty("body").EnumerateArray().Select(b => b.GetProperty("text").GetString()!)];
}
