using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace HeeBot.Bot.Faq;

/// <summary>
/// The Adaptive Card submit actions the bot offers and reads back: each posts a message whose <c>value</c> is the
/// action's <see cref="CardSubmit"/> data (Teams, Web Chat and the Emulator all do this).
/// </summary>
internal static class CardActions
{
    public const string Feedback = "feedback";
    public const string Choose = "choose";
    public const string NoneOfThese = "none";

    /// <summary>The verb of the feedback buttons as Teams' Universal Actions (<c>Action.Execute</c>, answered in place).</summary>
    public const string FeedbackVerb = "feedback";

    public static JsonNode Submit(string title, CardSubmit data) =>
        JsonSerializer.SerializeToNode(new SubmitAction(title, data), CardJson.Default.SubmitAction)!;

    /// <summary>An <c>Action.Execute</c>: Teams sends it as an <c>adaptiveCard/action</c> invoke and shows the card the bot answers with.</summary>
    public static JsonNode Execute(string title, string verb, CardSubmit data)
    {
        var action = Submit(title, data);
        action["type"] = "Action.Execute";
        action["verb"] = verb;
        return action;
    }

    public static CardSubmit FeedbackData(string question, string passageId, int rank, double confidence, bool helpful) =>
        new(Feedback, question, passageId, rank, confidence, helpful);

    public static CardSubmit ChooseData(string question, string passageId, int rank, double confidence) => new(Choose, question, passageId, rank, confidence);

    public static CardSubmit NoneData(string question) => new(NoneOfThese, question);

    /// <summary>A follow-up: asks the section's title as a question.</summary>
    public static CardSubmit AskData(string question) => new(null, question);

    /// <summary>The submit data in a message's <c>value</c>; null when it is not an object of that shape.</summary>
    public static CardSubmit? Read(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } data)
        {
            return null;
        }

        try
        {
            return data.Deserialize(CardJson.Default.CardSubmit);
        }
        catch (JsonException)
        {
            return null; // a field of the wrong type: not one of our buttons
        }
    }
}

/// <summary>What a button of ours posts back. <paramref name="Action"/> null: the button asks <paramref name="Question"/>.</summary>
internal sealed record CardSubmit(
    string? Action,
    string? Question,
    string? PassageId = null,
    int? Rank = null,
    double? Confidence = null,
    bool? Helpful = null,
    string? Text = null);

/// <summary>An Adaptive Card <c>Action.Submit</c>.</summary>
internal sealed record SubmitAction([property: JsonPropertyOrder(1)] string Title, [property: JsonPropertyOrder(2)] CardSubmit Data)
{
    public string Type { get; } = "Action.Submit";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CardSubmit))]
[JsonSerializable(typeof(SubmitAction))]
internal sealed partial class CardJson : JsonSerializerContext;
