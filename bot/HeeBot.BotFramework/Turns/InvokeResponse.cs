namespace HeeBot.BotFramework.Turns;

/// <summary>The HTTP status and JSON body an <c>invoke</c> activity is answered with.</summary>
public sealed record InvokeResponse(int Status, object? Body = null);
