using System.Text.Json;
using HeeBot.BotFramework.Schema;
using HeeBot.BotFramework.Turns;
using HeeBot.Retrieval.Search;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Faq;

/// <summary>
/// The HEE FAQ conversation: a welcome with example questions for new members, ranked passages for a
/// question, an honest decline listing what it can answer, and short replies to greetings, thanks and help.
/// Teams @mentions of the bot are removed before the text is read.
/// </summary>
internal sealed class FaqBot(PassageSearcher searcher, IOptions<FaqOptions> options, IMemoryCache welcomed) : ActivityHandler
{
    /// <summary>Web Chat's event on connecting; Azure Direct Line announces the user only after a first message.</summary>
    public const string WebChatJoinEvent = "webchat/join";

    private FaqOptions Options => options.Value;

    protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, TurnContext turn, CancellationToken cancellationToken) =>
        WelcomeOnceAsync(turn, cancellationToken);

    protected override Task OnEventAsync(TurnContext turn, CancellationToken cancellationToken) =>
        turn.Activity.Name == WebChatJoinEvent ? WelcomeOnceAsync(turn, cancellationToken) : Task.CompletedTask;

    /// <summary>One welcome per conversation, whether the new conversation or Web Chat's join event comes first.</summary>
    private async Task WelcomeOnceAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var key = $"welcomed:{turn.Activity.ChannelId}:{turn.Activity.Conversation?.Id}";
        if (welcomed.TryGetValue(key, out _))
        {
            return;
        }

        welcomed.Set(key, true, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(6), Size = 1 });
        var welcome = $"Hello! I'm {Options.BotName}. I answer questions about {Options.Subject}. Ask me anything about it, or try one of these:";
        await turn.SendActivityAsync(WithExamples(turn.Activity.CreateReply(welcome)), cancellationToken);
    }

    protected override async Task OnMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var text = turn.Activity.TextWithoutRecipientMention();
        if (text.Length == 0 && QuestionFromCard(turn.Activity.Value) is { } submitted)
        {
            text = submitted;
        }

        var reply = text.Length == 0
            ? WithExamples(turn.Activity.CreateReply("Ask me a question, for example:"))
            : SmallTalk.Classify(text) switch
            {
                SmallTalk.Kind.Greeting => WithExamples(turn.Activity.CreateReply($"Hello! Ask me about {Options.Subject}, for example:")),
                SmallTalk.Kind.Thanks => turn.Activity.CreateReply("You're welcome! Ask me anything else whenever you like."),
                SmallTalk.Kind.Help => WithExamples(turn.Activity.CreateReply($"I answer questions about {Options.Subject}, quoting the passages that answer them. {Topics()} Try:")),
                _ => AnswerQuestion(turn.Activity, text),
            };
        await turn.SendActivityAsync(reply, cancellationToken);
    }

    private Activity AnswerQuestion(Activity incoming, string question)
    {
        var result = searcher.Search(question);
        if (!result.Answered)
        {
            return WithExamples(incoming.CreateReply($"I don't know that one: nothing I know about answers it well enough. {Topics()} For example:"));
        }

        return AnswerBuilder.Answer(incoming, result, searcher.Highlights(question, result.Results[0].Text), Options.MinRunnerUpConfidence);
    }

    private string Topics() => $"I can tell you about: {string.Join("; ", searcher.Sections())}.";

    private Activity WithExamples(Activity reply) => Options.ExampleQuestions.Count == 0
        ? reply
        : reply with { SuggestedActions = new SuggestedActions { Actions = Options.ExampleQuestions.Take(3).Select(CardAction.ImBack).ToList() } };

    /// <summary>An Adaptive Card submit carries its data in <c>value</c>: a question, or text, is asked as typed.</summary>
    private static string? QuestionFromCard(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } data)
        {
            return null;
        }

        foreach (var name in new[] { "question", "text", "query" })
        {
            if (data.TryGetProperty(name, out var field) && field.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(field.GetString()))
            {
                return field.GetString()!.Trim();
            }
        }

        return null;
    }
}
