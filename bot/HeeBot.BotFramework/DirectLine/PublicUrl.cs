using Microsoft.AspNetCore.Http;

namespace HeeBot.BotFramework.DirectLine;

/// <summary>
/// The address clients reach the app at, for every URL handed out (the Direct Line domain, stream URLs): the
/// configured <see cref="DirectLineOptions.PublicBaseUrl"/>, else the request's own scheme, host and path base, which
/// behind a proxy are the public ones once forwarded headers are applied.
/// </summary>
public static class PublicUrl
{
    /// <summary>The http(s) base, without a trailing slash: <c>https://chat.example.org</c>.</summary>
    public static string Http(HttpRequest request, string? publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        return publicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    /// <summary>The matching WebSocket base: <c>wss://</c> for <c>https://</c>, <c>ws://</c> for <c>http://</c>.</summary>
    public static string WebSocket(string httpBase)
    {
        ArgumentNullException.ThrowIfNull(httpBase);
        return httpBase.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + httpBase[8..] : "ws://" + httpBase[7..];
    }
}
