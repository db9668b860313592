using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using HeeBot.Bot.Analytics;
using HeeBot.Bot.Index;
using HeeBot.BotFramework.Schema;
using HeeBot.BotFramework.Turns;
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
    Redeliveries redeliveries,
    QuestionLog log,
    UserHasher users,
    TimeProvider time) : ActivityHandler
{
    /// <summary>Web Chat's event on connecting; Azure Direct Line announces the user only after a first message.</summary>
    public const string WebChatJoinEvent = "webchat/join";

    private const int PageSize = 3;

    /// <summary>Bytes of an event id's key hashed on the stack; a longer key (an id made up by a client) gets an array.</summary>
    private const int MaxStackBytes = 512;

    private FaqOptions Options => options.Value;

    protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, TurnContext turn, CancellationToken cancellationToken) =>
        WelcomeOnceAsync(turn, cancellationToken);

    protected override Task OnEventAsync(TurnContext turn, CancellationToken cancellationToken) =>
        turn.Activity.Name == WebChatJoinEvent ? WelcomeOnceAsync(turn, cancellationToken) : Task.CompletedTask;

    protected override async Task OnMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await redeliveries.AnsweredAsync(turn.Activity))
        {
            return; // answered already: a redelivery gets 200 and nothing else, and is not logged again
        }

        // One index for the whole turn, even if a new one goes live meanwhile.
        using var lease = index.Acquire();
        var searcher = lease.Searcher;
        var incoming = turn.Activity;
        var text = PlainText(incoming.TextWithoutRecipientMention());
        var submit = text.Length == 0 ? CardActions.Read(incoming.Value) : null;
        var reply = submit is { Action: not null }
            ? await OnCardActionAsync(searcher, incoming, submit, cancellationToken)
            : await OnTextAsync(searcher, incoming, text.Length > 0 ? text : Trimmed(submit?.Question) ?? Trimmed(submit?.Text) ?? string.Empty, cancellationToken);
        var sent = await turn.SendActivityAsync(reply, cancellationToken);
        // Only Teams sends feedback and reactions about a message by its id; elsewhere remembering would only fill the cache.
        if (incoming.ChannelId == Channels.MsTeams && sent.Id is { Length: > 0 } messageId && AnswerBuilder.FeedbackDataOf(reply) is { } answer)
        {
            await memory.RememberAnswerAsync(incoming, messageId, answer, cancellationToken); // for Teams' thumbs and reactions on it
        }

        await redeliveries.MarkAnsweredAsync(incoming);
    }

    private async Task<Activity> OnTextAsync(PassageSearcher searcher, Activity incoming, string text, CancellationToken cancellationToken)
    {
        if (text.Length == 0)
        {
            return WithExamples(incoming, incoming.CreateReply(Replies.AskAQuestion));
        }

        if (Safeguarding.NeedsSignpost(text))
        {
            // Before anything else, and never a passage; logged without what was said.
            await RecordAsync(incoming, string.Empty, Outcome.Signposted, null, cancellationToken);
            return incoming.CreateReply(Safeguarding.Signpost);
        }

        return SmallTalk.Classify(text) switch
        {
            SmallTalk.Kind.Greeting => WithExamples(incoming, incoming.CreateReply(Replies.Greeting(Options.Subject))),
            SmallTalk.Kind.Thanks => incoming.CreateReply(Replies.Thanks),
            SmallTalk.Kind.Person => Contact is { } contact
                ? AnswerBuilder.WithChoices(incoming, incoming.CreateReply(Replies.AskAPerson(contact.Label)), [], contact)
                : WithExamples(incoming, incoming.CreateReply(Replies.NoPersonHere)),
            SmallTalk.Kind.Help => WithExamples(incoming, incoming.CreateReply(Replies.Help(Options.Subject, searcher.Sections()))),
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
            await RecordAsync(incoming, question, Outcome.Declined, (result.Results.Count > 0 ? result.Results[0] : null), cancellationToken);
            await memory.SetAsync(incoming, ConversationState.Empty, cancellationToken);
            return WithExamples(incoming, incoming.CreateReply(Replies.Declined(searcher.Sections())), withContact: true);
        }

        var choices = DidYouMean.Candidates(result);
        if (choices.Count > 0)
        {
            await RecordAsync(incoming, question, Outcome.DidYouMean, result.Results[0], cancellationToken);
            await memory.SetAsync(incoming, new ConversationState(question, 0, null), cancellationToken);
            return AnswerBuilder.DidYouMean(incoming, question, choices);
        }

        var best = result.Results[0];
        await RecordAsync(incoming, question, Outcome.Answered, best, cancellationToken);
        var shown = 1 + result.Results.Skip(1).Count(h => h.Confidence >= Options.MinRunnerUpConfidence);
        await memory.SetAsync(incoming, new ConversationState(question, shown, best.Id), cancellationToken);
        return AnswerBuilder.Answer(incoming, question, result, () => searcher.Highlights(question, best.Text), Options.MinRunnerUpConfidence, searcher.Related(best.Id));
    }

    private async Task<Activity> OnCardActionAsync(PassageSearcher searcher, Activity incoming, CardSubmit submit, CancellationToken cancellationToken)
    {
        var question = Trimmed(submit.Question) ?? string.Empty;
        var passageId = Trimmed(submit.PassageId);
        switch (submit.Action)
        {
            case CardActions.Feedback when passageId is not null:
                var helpful = submit.Helpful == true;
                await RecordFeedbackAsync(incoming, submit with { PassageId = passageId }, helpful, cancellationToken);
                return helpful || ContactFor(searcher.Get(passageId)) is not { } person
                    ? incoming.CreateReply(helpful ? Replies.GladItHelped : Replies.NotHelpful)
                    : AnswerBuilder.WithChoices(incoming, incoming.CreateReply(Replies.NotHelpful + Replies.OrAskAPerson(person.Label)), [], person);

            case CardActions.Choose when passageId is not null && searcher.Get(passageId) is { } chosen:
                await RecordAsync(incoming, question, Outcome.Chosen, chosen, cancellationToken);
                await memory.SetAsync(incoming, new ConversationState(question, 1, chosen.Id), cancellationToken);
                var single = new SearchResult(question, true, [chosen]);
                return AnswerBuilder.Answer(incoming, question, single, () => searcher.Highlights(question, chosen.Text), 1, searcher.Related(chosen.Id));

            case CardActions.NoneOfThese:
                await RecordAsync(incoming, question, Outcome.Miss, null, cancellationToken);
                return WithExamples(incoming, incoming.CreateReply(Replies.NoneOfThese(searcher.Sections())));

            default:
                return WithExamples(incoming, incoming.CreateReply(Replies.UnknownButton));
        }
    }

    private async Task<Activity> MoreAsync(PassageSearcher searcher, Activity incoming, CancellationToken cancellationToken)
    {
        var state = await memory.GetAsync(incoming, cancellationToken);
        if (state.LastQuestion is null)
        {
            return WithExamples(incoming, incoming.CreateReply(Replies.MoreWithoutQuestion));
        }

        var next = (await searcher.SearchAsync(state.LastQuestion, retrieval.Value.Search(state.Shown + PageSize), cancellationToken)).Results
            .Skip(state.Shown)
            .Where(h => h.Confidence >= Options.MinRunnerUpConfidence)
            .ToList();
        if (next.Count == 0)
        {
            return incoming.CreateReply(Replies.NoMore(state.LastQuestion));
        }

        var page = AnswerBuilder.Page(next);
        await memory.SetAsync(incoming, state with { Shown = state.Shown + page.Count }, cancellationToken);
        return AnswerBuilder.Passages(incoming, Replies.MoreOn(state.LastQuestion), page);
    }

    private async Task<Activity> TellMeMoreAsync(PassageSearcher searcher, Activity incoming, CancellationToken cancellationToken)
    {
        var state = await memory.GetAsync(incoming, cancellationToken);
        if (state.LastPassageId is null || searcher.Get(state.LastPassageId) is not { } last)
        {
            return WithExamples(incoming, incoming.CreateReply(Replies.TellMeMoreWithoutQuestion));
        }

        // The rest of the section, a page at a time (a long section would exceed the channels' message size).
        var rest = searcher.MoreOfSection(last.Id).Skip(state.SectionShown).ToList();
        if (rest.Count == 0)
        {
            var related = searcher.Related(last.Id);
            var reply = incoming.CreateReply(Replies.AllOfSection(AnswerBuilder.Section(last)) + (related.Count > 0 ? Replies.YouCouldAskAbout : string.Empty));
            return AnswerBuilder.WithChoices(incoming, reply, [.. related.Select(r => r.Section)]);
        }

        var page = AnswerBuilder.Page(rest);
        await memory.SetAsync(incoming, state with { SectionShown = state.SectionShown + page.Count }, cancellationToken);
        return AnswerBuilder.Passages(incoming, Replies.MoreFrom(AnswerBuilder.Section(last)), page);
    }

    /// <summary>One welcome per conversation, whether the new conversation or Web Chat's join event comes first.</summary>
    private async Task WelcomeOnceAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!await memory.FirstTimeAsync(turn.Activity, ConversationMemory.Welcomed, cancellationToken))
        {
            return;
        }

        await turn.SendActivityAsync(WithExamples(turn.Activity, turn.Activity.CreateReply(Replies.Welcome(Options.BotName, Options.Subject))), cancellationToken);
    }

    private Task RecordAsync(Activity incoming, string question, Outcome outcome, SearchHit? hit, CancellationToken cancellationToken) =>
        log.RecordAsync(
            new QuestionAsked(EventId(incoming), time.GetUtcNow(), Channel(incoming), users.Hash(incoming.From?.Id), question, outcome, hit?.Id, hit?.Rank, hit?.Confidence),
            cancellationToken);

    /// <summary>
    /// The log's id for what <paramref name="incoming"/> caused: the same for every delivery of that activity (a
    /// channel's retry, another instance), so it is logged once; a new one when the activity has no id. It starts with
    /// the time the channel stamped on the activity, which every delivery carries, so the ids of one moment sit together
    /// in the log's unique index: a random id costs that index a page write of its own per question (at 10,000
    /// questions a second, about 4 KB each to SQLite's write-ahead log).
    /// </summary>
    internal static string EventId(Activity incoming)
    {
        if (incoming.Id is not { Length: > 0 } id)
        {
            return Guid.CreateVersion7().ToString("N");
        }

        var key = $"{incoming.ChannelId}\n{incoming.Conversation?.Id}\n{id}";
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        Span<byte> bytes = length > MaxStackBytes ? new byte[length] : stackalloc byte[MaxStackBytes];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..Encoding.UTF8.GetBytes(key, bytes)], hash);
        return incoming.Timestamp is { } sent
            ? string.Create(CultureInfo.InvariantCulture, $"{sent.UtcDateTime:yyyyMMdd'T'HHmmssfff}-{Convert.ToHexStringLower(hash[..16])}")
            : Convert.ToHexStringLower(hash[..16]);
    }

    private Activity WithExamples(Activity incoming, Activity reply, bool withContact = false) =>
        AnswerBuilder.WithChoices(incoming, reply, [.. Options.ExampleQuestions.Take(3)], withContact ? Contact : null);

    /// <summary>Where a person can help, when one is configured (<see cref="FaqOptions.ContactUrl"/>).</summary>
    private (string Label, string Url)? Contact => Options.ContactUrl is { Length: > 0 } url ? (Options.ContactLabel, url) : null;

    /// <summary>Who can help with what a passage is about: its article's contact (front matter), else the bot's.</summary>
    private (string Label, string Url)? ContactFor(SearchHit? hit) => hit?.Article?.Contact is { } contact ? (Options.ContactLabel, contact) : Contact;

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

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
