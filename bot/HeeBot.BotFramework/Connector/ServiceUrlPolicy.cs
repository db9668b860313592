using System.Net;
using Microsoft.Extensions.Options;

namespace HeeBot.BotFramework.Connector;

/// <summary>
/// Which service URLs the bot may post to. With credentials, a service URL is bound to the channel's signed
/// token (the serviceurl claim), so any is allowed. In local mode (no app id) nothing is authenticated, so
/// only loopback URLs, or those listed in <c>BotFramework:AllowedServiceUrls</c>: a forged serviceUrl cannot
/// turn the bot into a proxy.
/// </summary>
public sealed class ServiceUrlPolicy(IOptions<BotCredentials> credentials, IOptions<BotFrameworkOptions> options)
{
    public bool IsAllowed(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        if (!credentials.Value.IsLocalMode)
        {
            return true;
        }

        return IsLoopback(uri) || options.Value.AllowedServiceUrls.Any(allowed =>
            serviceUrl!.StartsWith(allowed, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));
}
