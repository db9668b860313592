namespace HeeBot.BotFramework.Schema;

/// <summary>The response body of an <c>expectReplies</c> turn: every activity the bot sent.</summary>
public sealed record ExpectedReplies(IReadOnlyList<Activity> Activities);
