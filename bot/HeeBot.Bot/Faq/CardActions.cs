using System.Text.Json.Nodes;

namespace HeeBot.Bot.Faq;

/// <summary>
/// The Adaptive Card submit actions the bot offers and reads back: each posts a message whose <c>value</c> is
/// the action's data (Teams, Web Chat and the Emulator all do this).
/// </summary>
internal static class CardActions
{
    public const string Feedback = "feedback";
    public const string Choose = "choose";
    public const string NoneOfThese = "none";

    public static JsonObject Submit(string title, JsonObject data) => new() { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };

    public static JsonObject FeedbackData(string question, string passageId, int rank, double confidence, bool helpful) => new()
    {
        ["action"] = Feedback,
        ["helpful"] = helpful,
        ["question"] = question,
        ["passageId"] = passageId,
        ["rank"] = rank,
        ["confidence"] = confidence,
    };

    public static JsonObject ChooseData(string question, string passageId, int rank, double confidence) => new()
    {
        ["action"] = Choose,
        ["question"] = question,
        ["passageId"] = passageId,
        ["rank"] = rank,
        ["confidence"] = confidence,
    };

    public static JsonObject NoneData(string question) => new() { ["action"] = NoneOfThese, ["question"] = question };

    /// <summary>A follow-up: asks the section's title as a question.</summary>
    public static JsonObject AskData(string question) => new() { ["question"] = question };
}
