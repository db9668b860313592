using System.Net;
using Microsoft.Extensions.Options;

namespace HeeBot.BotFramework.Connector;

/// <summary>
/// Which service URLs the bot may post to. With credentials, a service URL is bound to the channel's signed
/// token (the serviceurl claim), so any is allowed. In local mode (no app id) nothing is authenticated, so
/// only loopback URLs, or those listed in <c>BotFramework:AllowedServiceUrls</c>: a forged serviceUrl cannot
/// turn the bot into a proxy. A listed URL matches on scheme, host and port exactly, and on its path as a prefix
/// that ends at a segment boundary: <c>https://x.example/emulator</c> admits <c>https://x.example/emulator/v3/...</c>,
/// not <c>https://x.example.evil.example/</c>, <c>https://x.example:8443/</c> or <c>https://x.example/emulatorx/</c>.
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

        return IsLoopback(uri) || options.Value.AllowedServiceUrls.Any(allowed => Matches(allowed, uri));
    }

    private static bool Matches(string allowed, Uri uri)
    {
        if (!Uri.TryCreate(allowed, UriKind.Absolute, out var permitted)
            || !string.Equals(permitted.Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(permitted.IdnHost, uri.IdnHost, StringComparison.OrdinalIgnoreCase)
            || permitted.Port != uri.Port)
        {
            return false;
        }

        var prefix = permitted.AbsolutePath.TrimEnd('/');
        var path = uri.AbsolutePath;
        return prefix.Length == 0
            || path.Equals(prefix, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));
}
