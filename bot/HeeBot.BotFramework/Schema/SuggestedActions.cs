namespace HeeBot.BotFramework.Schema;

/// <summary>Buttons shown under a message until the user answers; Teams shows the first three, in 1:1 chats.</summary>
public sealed record SuggestedActions
{
    public IReadOnlyList<string>? To { get; init; }

    public IReadOnlyList<CardAction>? Actions { get; init; }
}
