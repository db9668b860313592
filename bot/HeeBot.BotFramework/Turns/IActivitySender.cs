using HeeBot.BotFramework.Schema;

namespace HeeBot.BotFramework.Turns;

/// <summary>Delivers a bot's activity to its channel.</summary>
public interface IActivitySender
{
    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken);
}
