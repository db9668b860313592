using System.Text.Json;
using System.Text.Json.Nodes;
using HeeBot.BotFramework.Schema;
using HeeBot.Retrieval.Search;

namespace HeeBot.Bot.Faq;

/// <summary>Choices, pages, and the cards that stand alone: inserted from the compose box, or thanked after feedback.</summary>
internal static partial class AnswerBuilder
{
    /// <summary>
    /// <paramref name="reply"/> (a sentence ending in "for example:" or "you could ask about:") with <paramref name="choices"/>
    /// to ask: suggested actions where the channel shows them; elsewhere (Teams channels and group chats) a card with the
    /// sentence and a button per choice, so no sentence ends on nothing.
    /// </summary>
    /// <param name="contact">A person to reach, as a last button that opens it (a web page or a mailto: address).</param>
    public static Activity WithChoices(Activity incoming, Activity reply, IReadOnlyList<string> choices, (string Label, string Url)? contact = null)
    {
        if (choices.Count == 0 && contact is null)
        {
            return reply;
        }

        if (ShowsSuggestedActions(incoming))
        {
            IEnumerable<CardAction> buttons = choices.Select(CardAction.ImBack);
            return reply with { SuggestedActions = new SuggestedActions { Actions = [.. contact is { } c ? buttons.Append(CardAction.OpenUrl(c.Label, c.Url)) : buttons] } };
        }

        var actions = new JsonArray();
        foreach (var choice in choices)
        {
            actions.Add(CardActions.Submit(choice, CardActions.AskData(choice)));
        }

        if (contact is { } person)
        {
            actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = person.Label, ["url"] = person.Url });
        }

        return reply with
        {
            Text = null,
            Summary = reply.Text,
            Attachments = [AdaptiveCard(new JsonArray(TextBlock(reply.Text ?? string.Empty)), actions)],
        };
    }

    /// <summary>
    /// The first of <paramref name="hits"/> that fit in one message (<see cref="MaxPassageCharacters"/>); always at least
    /// one, cut to fit if it alone is too long. The caller remembers how many it showed and continues from there.
    /// </summary>
    public static IReadOnlyList<SearchHit> Page(IReadOnlyList<SearchHit> hits)
    {
        var page = new List<SearchHit>();
        var used = 0;
        foreach (var hit in hits)
        {
            if (page.Count > 0 && used + hit.Text.Length > MaxPassageCharacters)
            {
                break;
            }

            page.Add(hit.Text.Length > MaxPassageCharacters ? hit with { Text = Preview(hit.Text, MaxPassageCharacters) } : hit);
            used += hit.Text.Length;
        }

        return page;
    }

    private static readonly JsonElement FeedbackLoop = JsonSerializer.SerializeToElement(new JsonObject { ["feedbackLoopEnabled"] = true }, BotJson.Options);

    /// <summary>The feedback data of an answer's Helpful button (question, passage, rank, confidence), if it is an answer.</summary>
    public static CardSubmit? FeedbackDataOf(Activity reply)
    {
        if (reply.Attachments is not [{ Content: { ValueKind: JsonValueKind.Object } card }, ..] || !card.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return actions.EnumerateArray()
            .Select(a => a.TryGetProperty("data", out var data) ? CardActions.Read(data) : null)
            .FirstOrDefault(d => d?.Action == CardActions.Feedback);
    }

    /// <summary>The answer card of <paramref name="hit"/> after feedback: the passage, and thanks where the buttons were.</summary>
    public static JsonObject ThankedCard(SearchHit hit, bool helpful)
    {
        var card = PassageCard(hit);
        card["body"]!.AsArray().Add(TextBlock(helpful ? Replies.GladItHelped : Replies.NotHelpful, ("isSubtle", true), ("separator", true)));
        return card;
    }

    /// <summary>One passage as a card to insert into a conversation (the compose box's search): section, headings above it, text, its source.</summary>
    public static JsonObject PassageCard(SearchHit hit)
    {
        var body = new JsonArray { TextBlock(Section(hit), ("weight", "Bolder"), ("size", "Medium")) };
        if (Parents(hit) is { } parents)
        {
            body.Add(TextBlock(parents, ("isSubtle", true), ("spacing", "None")));
        }

        body.Add(TextBlock(Escape(Preview(hit.Text, MaxPassageCharacters))));
        body.Add(TextBlock($"From {hit.Title}", ("isSubtle", true), ("size", "Small")));
        if (SourceLine(hit) is { } source)
        {
            body.Add(TextBlock(source, ("isSubtle", true), ("size", "Small"), ("spacing", "None")));
        }

        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = CardVersion,
            ["body"] = body,
        };
    }

    /// <summary>A runner-up's or a search result's text as a preview.</summary>
    public static string PreviewOf(string text) => Preview(text, PreviewCharacters);
}
