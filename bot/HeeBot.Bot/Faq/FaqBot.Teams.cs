using System.Text.Json;
using System.Text.Json.Nodes;
using HeeBot.Bot.Analytics;
using HeeBot.BotFramework.Schema;
using HeeBot.BotFramework.Turns;

namespace HeeBot.Bot.Faq;

/// <summary>What only Teams sends: installs and removals, its invokes (compose box search, Universal Actions, its own thumbs) and reactions.</summary>
internal sealed partial class FaqBot
{
    /// <summary>
    /// In Teams the bot introduces itself once, when it is added (to a team, a group chat or a personal chat), never when
    /// other people join a team. Elsewhere (the Emulator, Web Chat) the user joining starts the conversation.
    /// </summary>
    protected override Task OnConversationUpdateAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var incoming = turn.Activity;
        if (incoming.ChannelId != Channels.MsTeams)
        {
            return base.OnConversationUpdateAsync(turn, cancellationToken);
        }

        return incoming.MembersAdded?.Any(m => m.Id == incoming.Recipient?.Id) == true ? WelcomeOnceAsync(turn, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>
    /// Teams' invokes: the compose box's search; the card's Helpful / Not helpful as Universal Actions (the card is
    /// answered with its thanked version, in place); Teams' own thumbs on an answer. Other invokes get 501, as the SDK
    /// answers them.
    /// </summary>
    protected override async Task OnInvokeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var incoming = turn.Activity;
        switch (incoming.Name)
        {
            case ComposeSearch.InvokeName:
                using (var lease = index.Acquire())
                {
                    turn.InvokeResponse = new InvokeResponse(200, await ComposeSearch.QueryAsync(lease.Searcher, incoming.Value, retrieval.Value.Search(), cancellationToken));
                }

                break;

            case "adaptiveCard/action" when incoming.Value is { ValueKind: JsonValueKind.Object } value
                && value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
                && action.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String && verb.GetString() == CardActions.FeedbackVerb
                && action.TryGetProperty("data", out var data) && CardActions.Read(data) is { PassageId: { } passageId } feedback:
                var helpful = feedback.Helpful == true;
                await RecordFeedbackAsync(incoming, feedback, helpful, cancellationToken);
                using (var lease = index.Acquire())
                {
                    var card = lease.Searcher.Get(passageId) is { } hit ? AnswerBuilder.ThankedCard(hit, helpful) : null;
                    turn.InvokeResponse = card is null
                        ? new InvokeResponse(200, new JsonObject { ["statusCode"] = 200, ["type"] = "application/vnd.microsoft.activity.message", ["value"] = helpful ? Replies.GladItHelped : Replies.NotHelpful })
                        : new InvokeResponse(200, new JsonObject { ["statusCode"] = 200, ["type"] = "application/vnd.microsoft.card.adaptive", ["value"] = card });
                }

                break;

            case "message/submitAction" when incoming.Value is { ValueKind: JsonValueKind.Object } value
                && value.TryGetProperty("actionValue", out var actionValue) && actionValue.ValueKind == JsonValueKind.Object
                && actionValue.TryGetProperty("reaction", out var reaction) && reaction.ValueKind == JsonValueKind.String:
                if (await memory.AnswerAsync(incoming, incoming.ReplyToId, cancellationToken) is { } answer)
                {
                    await RecordFeedbackAsync(incoming, answer, reaction.GetString() == "like", cancellationToken);
                }

                turn.InvokeResponse = new InvokeResponse(200);
                break;
        }
    }

    /// <summary>A reaction on an answer is feedback too: like or heart helpful, sad or angry not.</summary>
    protected override async Task OnMessageReactionAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var incoming = turn.Activity;
        if (incoming.Extra?.GetValueOrDefault("reactionsAdded") is not { ValueKind: JsonValueKind.Array } added
            || await memory.AnswerAsync(incoming, incoming.ReplyToId, cancellationToken) is not { } answer)
        {
            return;
        }

        foreach (var type in added.EnumerateArray().Select(r => r.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null))
        {
            bool? helpful = type switch { "like" or "heart" => true, "sad" or "angry" => false, _ => null };
            if (helpful is { } verdict)
            {
                await RecordFeedbackAsync(incoming, answer, verdict, cancellationToken);
            }
        }
    }

    private Task RecordFeedbackAsync(Activity incoming, CardSubmit answer, bool helpful, CancellationToken cancellationToken) =>
        log.RecordAsync(
            new FeedbackGiven(EventId(incoming), time.GetUtcNow(), Channel(incoming), users.Hash(incoming.From?.Id), Trimmed(answer.Question) ?? string.Empty, answer.PassageId!, answer.Rank, answer.Confidence, helpful),
            cancellationToken);

    /// <summary>Installed: the introduction (once, whichever of this and the conversation update comes first). Removed: what it kept is forgotten.</summary>
    protected override Task OnInstallationUpdateAsync(TurnContext turn, CancellationToken cancellationToken) => turn.Activity.Action switch
    {
        "add" or "add-upgrade" => WelcomeOnceAsync(turn, cancellationToken),
        "remove" or "remove-upgrade" => memory.ForgetAsync(turn.Activity, cancellationToken),
        _ => Task.CompletedTask,
    };
}
