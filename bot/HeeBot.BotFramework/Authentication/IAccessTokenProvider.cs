namespace HeeBot.BotFramework.Authentication;

/// <summary>The bearer token the bot sends to channels; null in local mode, where none is sent.</summary>
public interface IAccessTokenProvider
{
    /// <param name="forceRefresh">Skip the cache: the channel just refused the cached token.</param>
    Task<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
}
