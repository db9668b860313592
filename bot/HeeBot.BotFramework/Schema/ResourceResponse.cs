namespace HeeBot.BotFramework.Schema;

/// <summary>What the Connector returns for a posted activity: its id on the channel.</summary>
public sealed record ResourceResponse(string? Id);
