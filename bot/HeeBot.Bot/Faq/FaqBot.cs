using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HeeBot.Bot.Analytics;
using HeeBot.Bot.Retrieval;
using HeeBot.BotFramework.Schema;
using HeeBot.BotFramework.Turns;
using HeeBot.Retrieval.Analytics;
using HeeBot.Retrieval.Search;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Faq;

/// <summary>
/// The HEE FAQ conversation: a welcome with example questions; for a question, the best passage with
/// runners-up, feedback buttons and follow-ups, or a "Did you mean" choice when the best passages are too close
/// to call, or an honest decline; "more" for the next passages and "tell me more" for the rest of the section;
/// short replies to greetings, thanks and help. Questions, outcomes and feedback go to the question log with a
/// salted hash of the user id, never a name. Teams @mentions of the bot are removed before the text is read.
/// </summary>
internal sealed partial class FaqBot(
    PassageIndex index,
    IOptions<FaqOptions> options,
    IOptions<RetrievalOptions> retrieval,
    ConversationMemory memory,
    IQuestionLog log,
    UserHasher users,
    TimeProvider time) : ActivityHandler
{
    /// <summary>Web Chat's event on connecting; Azure Direct Line announces the user only after a first message.</summary>
    public const string WebChatJoinEvent = "webchat/join";

    private const int PageSize = 3;

    private FaqOptions Options => options.Value;

    protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, TurnContext turn, CancellationToken cancellationToken) =>
        WelcomeOnceAsync(turn, cancellationToken);

    protected override Task OnEventAsync(TurnContext turn, CancellationToken cancellationToken) =>
        turn.Activity.Name == WebChatJoinEvent ? WelcomeOnceAsync(turn, cancellationToken) : Task.CompletedTask;

    protected override async Task OnMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // One index for the whole turn, even if a new one goes live meanwhile.
        using var lease = index.Acquire();
        var searcher = lease.Searcher;
        var incoming = turn.Activity;
        var text = PlainText(incoming.TextWithoutRecipientMention());
        var data = text.Length == 0 && incoming.Value is { ValueKind: JsonValueKind.Object } value ? value : (JsonElement?)null;
        var reply = data?.TryGetProperty("action", out var action) == true && action.ValueKind == JsonValueKind.String
            ? await OnCardActionAsync(searcher, incoming, action.GetString()!, data.Value, cancellationToken)
            : await OnTextAsync(searcher, incoming, text.Length > 0 ? text : Field(data, "question") ?? Field(data, "text") ?? string.Empty, cancellationToken);
        await turn.SendActivityAsync(reply, cancellationToken);
    }

    private async Task<Activity> OnTextAsync(PassageSearcher searcher, Activity incoming, string text, CancellationToken cancellationToken)
    {
        if (text.Length == 0)
        {
            return WithExamples(incoming.CreateReply("Ask me a question, for example:"));
        }

        return SmallTalk.Classify(text) switch
        {
            SmallTalk.Kind.Greeting => WithExamples(incoming.CreateReply($"Hello! Ask me about {Options.Subject}, for example:")),
            SmallTalk.Kind.Thanks => incoming.CreateReply("You're welcome! Ask me anything else whenever you like."),
            SmallTalk.Kind.Help => WithExamples(incoming.CreateReply($"I answer questions about {Options.Subject}, quoting the passages that answer them. After an answer, say \"more\" for other passages or \"tell me more\" for the rest of that section. {Topics(searcher)} Try:")),
            SmallTalk.Kind.More => await MoreAsync(searcher, incoming, cancellationToken),
            SmallTalk.Kind.TellMeMore => await TellMeMoreAsync(searcher, incoming, cancellationToken),
            _ => await AnswerAsync(searcher, incoming, text, cancellationToken),
        };
    }

    private async Task<Activity> AnswerAsync(PassageSearcher searcher, Activity incoming, string question, CancellationToken cancellationToken)
    {
        var result = await searcher.SearchAsync(question, retrieval.Value.Search(), cancellationToken);
        if (!result.Answered)
        {
            await RecordAsync(incoming, question, AnswerKind.Declined, (result.Results.Count > 0 ? result.Results[0] : null), cancellationToken);
            await memory.SetAsync(incoming, ConversationState.Empty, cancellationToken);
            return WithExamples(incoming.CreateReply($"I don't know that one: nothing I know about answers it well enough. {Topics(searcher)} For example:"));
        }

        var choices = DidYouMean.Candidates(result);
        if (choices.Count > 0)
        {
            await RecordAsync(incoming, question, AnswerKind.DidYouMean, result.Results[0], cancellationToken);
            await memory.SetAsync(incoming, new ConversationState(question, 0, null), cancellationToken);
            return AnswerBuilder.DidYouMean(incoming, question, choices);
        }

        var best = result.Results[0];
        await RecordAsync(incoming, question, AnswerKind.Answered, best, cancellationToken);
        var shown = 1 + result.Results.Skip(1).Count(h => h.Confidence >= Options.MinRunnerUpConfidence);
        await memory.SetAsync(incoming, new ConversationState(question, shown, best.Id), cancellationToken);
        return AnswerBuilder.Answer(incoming, question, result, searcher.Highlights(question, best.Text), Options.MinRunnerUpConfidence, searcher.Related(best.Id));
    }

    private async Task<Activity> OnCardActionAsync(PassageSearcher searcher, Activity incoming, string action, JsonElement data, CancellationToken cancellationToken)
    {
        var question = Field(data, "question") ?? string.Empty;
        var passageId = Field(data, "passageId");
        switch (action)
        {
            case CardActions.Feedback when passageId is not null:
                var helpful = data.TryGetProperty("helpful", out var h) && h.ValueKind == JsonValueKind.True;
                await log.RecordFeedbackAsync(
                    new FeedbackEvent(time.GetUtcNow(), Channel(incoming), users.Hash(incoming.From?.Id), question, passageId, Int(data, "rank"), Number(data, "confidence"), helpful),
                    cancellationToken);
                return incoming.CreateReply(helpful ? "Thanks, glad it helped." : "Thanks for telling me. I'll pass that on to the people who keep my content up to date.");

            case CardActions.Choose when passageId is not null && searcher.Get(passageId) is { } chosen:
                await memory.SetAsync(incoming, new ConversationState(question, 1, chosen.Id), cancellationToken);
                var single = new SearchResult(question, true, [chosen]);
                return AnswerBuilder.Answer(incoming, question, single, searcher.Highlights(question, chosen.Text), 1, searcher.Related(chosen.Id));

            case CardActions.NoneOfThese:
                await RecordAsync(incoming, question, AnswerKind.Miss, null, cancellationToken);
                return WithExamples(incoming.CreateReply($"Sorry I couldn't find it. Try asking another way, or pick a topic. {Topics(searcher)}"));

            default:
                return WithExamples(incoming.CreateReply("I didn't understand that button. Ask me a question, for example:"));
        }
    }

    private async Task<Activity> MoreAsync(PassageSearcher searcher, Activity incoming, CancellationToken cancellationToken)
    {
        var state = await memory.GetAsync(incoming, cancellationToken);
        if (state.LastQuestion is null)
        {
            return WithExamples(incoming.CreateReply("Ask me a question first, then say \"more\" for other passages. For example:"));
        }

        var next = (await searcher.SearchAsync(state.LastQuestion, retrieval.Value.Search(state.Shown + PageSize), cancellationToken)).Results
            .Skip(state.Shown)
            .Where(h => h.Confidence >= Options.MinRunnerUpConfidence)
            .ToList();
        if (next.Count == 0)
        {
            return incoming.CreateReply($"That's all I have on \"{state.LastQuestion}\". Ask me something else?");
        }

        await memory.SetAsync(incoming, state with { Shown = state.Shown + next.Count }, cancellationToken);
        return AnswerBuilder.Passages(incoming, $"More on \"{state.LastQuestion}\":", next);
    }

    private async Task<Activity> TellMeMoreAsync(PassageSearcher searcher, Activity incoming, CancellationToken cancellationToken)
    {
        var state = await memory.GetAsync(incoming, cancellationToken);
        if (state.LastPassageId is null || searcher.Get(state.LastPassageId) is not { } last)
        {
            return WithExamples(incoming.CreateReply("Ask me a question first, then say \"tell me more\" for the rest of that section. For example:"));
        }

        var rest = searcher.MoreOfSection(last.Id);
        if (rest.Count == 0)
        {
            var related = searcher.Related(last.Id);
            var reply = incoming.CreateReply($"That's all \"{AnswerBuilder.Section(last)}\" says." + (related.Count > 0 ? " You could ask about:" : string.Empty));
            return related.Count > 0 && AnswerBuilder.ShowsSuggestedActions(incoming)
                ? reply with { SuggestedActions = new SuggestedActions { Actions = [.. related.Select(r => CardAction.ImBack(r.Section))] } }
                : reply;
        }

        await memory.SetAsync(incoming, state with { LastPassageId = rest[^1].Id }, cancellationToken);
        return AnswerBuilder.Passages(incoming, $"More from \"{AnswerBuilder.Section(last)}\":", rest);
    }

    /// <summary>One welcome per conversation, whether the new conversation or Web Chat's join event comes first.</summary>
    private async Task WelcomeOnceAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!await memory.FirstTimeAsync(turn.Activity, "welcomed", cancellationToken))
        {
            return;
        }

        var welcome = $"Hello! I'm {Options.BotName}. I answer questions about {Options.Subject}. Ask me anything about it, or try one of these:";
        await turn.SendActivityAsync(WithExamples(turn.Activity.CreateReply(welcome)), cancellationToken);
    }

    private Task RecordAsync(Activity incoming, string question, AnswerKind kind, SearchHit? hit, CancellationToken cancellationToken) =>
        log.RecordQuestionAsync(
            new QuestionEvent(time.GetUtcNow(), Channel(incoming), users.Hash(incoming.From?.Id), question, kind, hit?.Id, hit?.Rank, hit?.Confidence),
            cancellationToken);

    private static string Topics(PassageSearcher searcher) => $"I can tell you about: {string.Join("; ", searcher.Sections())}.";

    private Activity WithExamples(Activity reply) => Options.ExampleQuestions.Count == 0
        ? reply
        : reply with { SuggestedActions = new SuggestedActions { Actions = Options.ExampleQuestions.Take(3).Select(CardAction.ImBack).ToList() } };

    /// <summary>
    /// The words of a message without markup: Teams can send HTML, and tags are neither question words nor ever
    /// echoed back. Entities are decoded first, so an encoded tag is removed too.
    /// </summary>
    private static string PlainText(string text) =>
        text.Contains('<', StringComparison.Ordinal) || text.Contains('&', StringComparison.Ordinal)
            ? Whitespace().Replace(Tag().Replace(WebUtility.HtmlDecode(text), " "), " ").Trim()
            : text;

    [GeneratedRegex("<[^<>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Whitespace();

    private static string Channel(Activity activity) => activity.ChannelId ?? "unknown";

    private static string? Field(JsonElement? data, string name) =>
        data is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty(name, out var f) && f.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(f.GetString())
            ? f.GetString()!.Trim()
            : null;

    private static int? Int(JsonElement data, string name) => data.TryGetProperty(name, out var f) && f.TryGetInt32(out var i) ? i : null;

    private static double? Number(JsonElement data, string name) => data.TryGetProperty(name, out var f) && f.TryGetDouble(out var d) ? d : null;
}
