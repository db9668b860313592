using HeeBot.BotFramework.Schema;

namespace HeeBot.BotFramework.Turns;

/// <summary>
/// Dispatches a turn by activity type to a virtual method, as the SDK's ActivityHandler does. Unknown types
/// (and typing) are ignored; an invoke nobody handles gets 501.
/// </summary>
public abstract class ActivityHandler : IBot
{
    public Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken) => turn.Activity.Type switch
    {
        ActivityTypes.Message => OnMessageAsync(turn, cancellationToken),
        ActivityTypes.ConversationUpdate => OnConversationUpdateAsync(turn, cancellationToken),
        ActivityTypes.Invoke => OnInvokeAsync(turn, cancellationToken),
        ActivityTypes.Event => OnEventAsync(turn, cancellationToken),
        ActivityTypes.MessageReaction => OnMessageReactionAsync(turn, cancellationToken),
        ActivityTypes.InstallationUpdate => OnInstallationUpdateAsync(turn, cancellationToken),
        ActivityTypes.EndOfConversation => OnEndOfConversationAsync(turn, cancellationToken),
        _ => Task.CompletedTask,
    };

    protected virtual Task OnMessageAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Calls <see cref="OnMembersAddedAsync"/> with the added members other than the bot itself.</summary>
    protected virtual Task OnConversationUpdateAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var added = (turn.Activity.MembersAdded ?? []).Where(m => m.Id != turn.Activity.Recipient?.Id).ToList();
        return added.Count > 0 ? OnMembersAddedAsync(added, turn, cancellationToken) : Task.CompletedTask;
    }

    protected virtual Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Leaves <see cref="TurnContext.InvokeResponse"/> unset, which answers 501 Not Implemented.</summary>
    protected virtual Task OnInvokeAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnEventAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnMessageReactionAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>add, remove, add-upgrade, remove-upgrade: the bot was installed in or removed from a scope.</summary>
    protected virtual Task OnInstallationUpdateAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnEndOfConversationAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;
}
