using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeeBot.BotFramework.Schema;
using HeeBot.Retrieval.Search;

namespace HeeBot.Bot.Faq;

/// <summary>
/// Turns ranked passages into a reply: an Adaptive Card (schema 1.5, what Teams renders) with the best
/// passage, its section and the question's words in bold, then the runners-up with rank and confidence; and
/// the same answer as Markdown in <c>text</c> for channels and notifications without cards.
/// </summary>
internal static partial class AnswerBuilder
{
    public const string CardVersion = "1.5";

    /// <summary>
    /// Passage text one message carries at most. Teams refuses messages over about 40 KB; a passage's text appears in the
    /// card and, for channels without cards, in the Markdown text, so this keeps a message well under that.
    /// </summary>
    public const int MaxPassageCharacters = 12_000;

    /// <summary>Runners-up are previews: their text is cut here.</summary>
    public const int PreviewCharacters = 280;

    /// <summary>
    /// Channels that render the card and would show text and card as two copies of the answer; the Markdown text is the
    /// fallback for the others.
    /// </summary>
    private static readonly HashSet<string> CardChannels = new(StringComparer.Ordinal) { Channels.MsTeams, Channels.DirectLine, Channels.WebChat, Channels.Emulator };

    /// <summary>
    /// The parts of answers already built, per result's passages: they depend only on those, the question and the kind
    /// of conversation, and results of repeated questions are cached per index, so a repeated question reuses its card
    /// instead of building and serialising it again. Keyed by the passages' list, which every copy of a result shares;
    /// an entry lives as long as that list.
    /// </summary>
    private static readonly ConditionalWeakTable<IReadOnlyList<SearchHit>, ConcurrentDictionary<AnswerKey, AnswerParts>> Built = [];

    /// <param name="question">The question as asked; it travels in the feedback buttons.</param>
    /// <param name="highlights">Where the question's words are in the best passage; asked for only when the answer is new.</param>
    /// <param name="followUps">Sections to read next: suggested actions where the channel shows them, card buttons elsewhere.</param>
    public static Activity Answer(
        Activity incoming,
        string question,
        SearchResult result,
        Func<IReadOnlyList<(int Start, int Length)>> highlights,
        double minRunnerUpConfidence,
        IReadOnlyList<RelatedSection> followUps)
    {
        var key = new AnswerKey(question, incoming.ChannelId == Channels.MsTeams, ShowsSuggestedActions(incoming), CardOnly(incoming), minRunnerUpConfidence);
        var parts = Built.GetOrCreateValue(result.Results).GetOrAdd(key, k => BuildAnswer(k, result.Results, highlights(), followUps));
        return incoming.CreateReply() with
        {
            SuggestedActions = parts.Suggestions,
            // Teams and Web Chat show text and a card in one activity as two copies of the answer; there the
            // card carries it and the summary stands in for it in notifications.
            Text = key.CardOnly ? null : parts.Markdown,
            TextFormat = key.CardOnly ? null : "markdown",
            Summary = key.CardOnly ? parts.Summary : null,
            Attachments = [parts.Card],
            ChannelData = key.Teams ? FeedbackLoop : null,
        };
    }

    private static AnswerParts BuildAnswer(AnswerKey key, IReadOnlyList<SearchHit> hits, IReadOnlyList<(int Start, int Length)> highlights, IReadOnlyList<RelatedSection> followUps)
    {
        var best = hits[0];
        var runnersUp = hits.Skip(1).Where(h => h.Confidence >= key.MinRunnerUpConfidence).ToList();
        // A passage too long for one message is cut (the rest is a "tell me more" away), without the bold it would split.
        var shown = best.Text.Length > MaxPassageCharacters ? Escape(Preview(best.Text, MaxPassageCharacters)) : Emphasise(best.Text, highlights);
        var body = Body(best, shown, runnersUp);
        // In Teams the feedback buttons are Universal Actions, answered by updating the card in place; Teams' own
        // thumbs (feedbackLoopEnabled) come too. Elsewhere they post a message.
        JsonNode Feedback(string title, bool helpful) => key.Teams
            ? CardActions.Execute(title, CardActions.FeedbackVerb, CardActions.FeedbackData(key.Question, best.Id, best.Rank, best.Confidence, helpful))
            : CardActions.Submit(title, CardActions.FeedbackData(key.Question, best.Id, best.Rank, best.Confidence, helpful));
        var actions = new JsonArray(Feedback("Helpful", helpful: true), Feedback("Not helpful", helpful: false));
        if (!key.Suggestions)
        {
            foreach (var followUp in followUps)
            {
                actions.Add(CardActions.Submit(followUp.Section, CardActions.AskData(followUp.Section)));
            }
        }

        var markdown = Markdown(best, runnersUp);
        if (followUps.Count > 0)
        {
            markdown += "\n\nRelated: " + string.Join(" · ", followUps.Select(f => Escape(f.Section)));
        }

        return new AnswerParts(
            AdaptiveCard(body, actions),
            markdown,
            $"{Section(best)}: {best.Text}",
            key.Suggestions && followUps.Count > 0 ? new SuggestedActions { Actions = [.. followUps.Select(f => CardAction.ImBack(f.Section))] } : null);
    }

    /// <summary>What an answer's parts depend on besides its result.</summary>
    private readonly record struct AnswerKey(string Question, bool Teams, bool Suggestions, bool CardOnly, double MinRunnerUpConfidence);

    /// <summary>An answer's card (immutable JSON, shared by every reply that carries it), Markdown, summary and suggested actions.</summary>
    private sealed record AnswerParts(Attachment Card, string Markdown, string Summary, SuggestedActions? Suggestions);

    /// <summary>"Did you mean": the close passages as buttons, plus "None of these".</summary>
    public static Activity DidYouMean(Activity incoming, string question, IReadOnlyList<SearchHit> candidates)
    {
        var actions = new JsonArray();
        foreach (var hit in candidates)
        {
            actions.Add(CardActions.Submit(Section(hit), CardActions.ChooseData(question, hit.Id, hit.Rank, hit.Confidence)));
        }

        actions.Add(CardActions.Submit("None of these", CardActions.NoneData(question)));
        var text = Replies.DidYouMean(candidates.Select(c => Escape(Section(c))));
        var cardOnly = CardOnly(incoming);
        return incoming.CreateReply(cardOnly ? null : text) with
        {
            TextFormat = cardOnly ? null : "markdown",
            Summary = cardOnly ? text : null,
            Attachments = [AdaptiveCard(new JsonArray(TextBlock("Did you mean:", ("weight", "Bolder"))), actions)],
        };
    }

    /// <summary>Further passages (the next ranked ones, or the rest of a section), each with its section and rank.</summary>
    public static Activity Passages(Activity incoming, string heading, IReadOnlyList<SearchHit> hits)
    {
        var body = new JsonArray { TextBlock(heading, ("weight", "Bolder")) };
        var markdown = new StringBuilder(Escape(heading)).Append("\n\n");
        foreach (var hit in hits)
        {
            var label = hit.Confidence < 1 ? $"{hit.Rank}. **{Escape(Section(hit))}** · {Percent(hit.Confidence)}" : $"**{Escape(Section(hit))}**";
            body.Add(TextBlock(label, ("spacing", "Medium")));
            body.Add(TextBlock(Escape(hit.Text), ("spacing", "Small")));
            markdown.Append(label).Append("\n\n").Append(Escape(hit.Text)).Append("\n\n");
        }

        var cardOnly = CardOnly(incoming);
        return incoming.CreateReply() with
        {
            Text = cardOnly ? null : markdown.ToString().TrimEnd(),
            TextFormat = cardOnly ? null : "markdown",
            Summary = cardOnly ? heading : null,
            Attachments = [AdaptiveCard(body)],
        };
    }

    /// <summary>Teams shows suggested actions only in personal chat; other channels show them everywhere.</summary>
    public static bool ShowsSuggestedActions(Activity incoming) =>
        incoming.ChannelId != Channels.MsTeams || incoming.Conversation?.ConversationType is null or "personal";

    /// <summary>The innermost heading of a passage, which names what it is about.</summary>
    public static string Section(SearchHit hit) => hit.HeadingPath.Count > 0 ? hit.HeadingPath[^1] : hit.Title;

    /// <summary>The headings above the innermost one, if any.</summary>
    private static string? Parents(SearchHit hit) => hit.HeadingPath.Count > 1 ? string.Join(" > ", hit.HeadingPath.Take(hit.HeadingPath.Count - 1)) : null;

    /// <summary>Teams and Web Chat render the card, and would show text beside it as a second copy of the answer.</summary>
    private static bool CardOnly(Activity incoming) => incoming.ChannelId is { } channel && CardChannels.Contains(channel);

    /// <summary>The one card skeleton every reply uses: schema 1.5, a body, and buttons when there are any.</summary>
    private static Attachment AdaptiveCard(JsonArray body, JsonArray? actions = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = CardVersion,
            ["body"] = body,
        };
        if (actions is not null)
        {
            card["actions"] = actions;
        }

        return new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = JsonSerializer.SerializeToElement(card, BotJson.Options) };
    }

    private static JsonArray Body(SearchHit best, string emphasised, IReadOnlyList<SearchHit> runnersUp)
    {
        var body = new JsonArray
        {
            TextBlock(Section(best), ("weight", "Bolder"), ("size", "Medium")),
        };
        if (Parents(best) is { } parents)
        {
            body.Add(TextBlock(parents, ("isSubtle", true), ("spacing", "None")));
        }

        body.Add(TextBlock(emphasised));
        if (SourceLine(best) is { } source)
        {
            body.Add(TextBlock(source, ("isSubtle", true), ("size", "Small")));
        }

        body.Add(TextBlock($"Confidence {Percent(best.Confidence)}", ("isSubtle", true), ("size", "Small"), ("spacing", "None")));
        if (runnersUp.Count > 0)
        {
            body.Add(TextBlock("Also relevant", ("weight", "Bolder"), ("separator", true)));
            foreach (var hit in runnersUp)
            {
                body.Add(TextBlock($"{hit.Rank}. **{Escape(Section(hit))}** · {Percent(hit.Confidence)}", ("spacing", "Medium")));
                body.Add(TextBlock(Escape(Preview(hit.Text, PreviewCharacters)), ("isSubtle", true), ("spacing", "Small"), ("maxLines", 3)));
            }
        }

        return body;
    }

    private static JsonObject TextBlock(string text, params (string Name, JsonNode? Value)[] properties)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        foreach (var (name, value) in properties)
        {
            block[name] = value;
        }

        return block;
    }

    private static string Markdown(SearchHit best, IReadOnlyList<SearchHit> runnersUp)
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(Escape(Section(best))).Append("**");
        if (Parents(best) is { } parents)
        {
            sb.Append(" (").Append(Escape(parents)).Append(')');
        }

        sb.Append("\n\n").Append(Escape(Preview(best.Text, MaxPassageCharacters))).Append("\n\n");
        if (SourceLine(best) is { } source)
        {
            sb.Append(source).Append("\n\n");
        }

        if (runnersUp.Count > 0)
        {
            sb.Append("Also relevant:\n\n");
            foreach (var hit in runnersUp)
            {
                sb.Append(hit.Rank).Append(". **").Append(Escape(Section(hit))).Append("** (").Append(Percent(hit.Confidence)).Append(")\n");
            }
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>
    /// "Source: [article](url) · last reviewed 3 March 2026": the article a passage comes from, linked when it is published,
    /// and when its content was last checked; Markdown, which cards and the text fallback both render.
    /// </summary>
    public static string? SourceLine(SearchHit hit)
    {
        if (hit.Article is not { } article)
        {
            return null;
        }

        var title = Escape(article.Title.Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal));
        var line = article.Url is { } url ? $"Source: [{title}]({url})" : $"Source: {title}";
        return article.Reviewed is { } reviewed ? $"{line} · last reviewed {Date(reviewed)}" : line;
    }

    /// <summary>A date as people in the UK write it: 3 March 2026.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The passage with each highlighted range in bold, Markdown characters in the text escaped.</summary>
    private static string Emphasise(string text, IReadOnlyList<(int Start, int Length)> highlights)
    {
        var sb = new StringBuilder();
        var at = 0;
        foreach (var (start, length) in highlights.Where(h => h.Start >= 0 && h.Start + h.Length <= text.Length))
        {
            sb.Append(Escape(text[at..start])).Append("**").Append(Escape(text.Substring(start, length))).Append("**");
            at = start + length;
        }

        return sb.Append(Escape(text[at..])).ToString();
    }

    /// <summary><paramref name="text"/> cut at a word before <paramref name="length"/> characters, with an ellipsis.</summary>
    private static string Preview(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', length - 1);
        return string.Concat(text.AsSpan(0, cut > length / 2 ? cut : length - 1), "…");
    }

    private static string Escape(string text) => text.Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static string Percent(double confidence) => $"{Math.Round(confidence * 100):0}%";
}
