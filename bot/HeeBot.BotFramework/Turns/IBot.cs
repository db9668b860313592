namespace HeeBot.BotFramework.Turns;

/// <summary>What a bot does with one incoming activity.</summary>
public interface IBot
{
    Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken);
}
