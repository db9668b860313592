using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Admin;

/// <summary>
/// Lets a request through to the admin page only with <see cref="AdminOptions.Key"/>: in the <c>X-Admin-Key</c> header
/// (scripts), or as the password of HTTP Basic authentication, which browsers ask for themselves (any user name).
/// 404 while no key is configured; 401 with a Basic challenge otherwise. Never from the query string, where keys end
/// up in logs and browser history.
/// </summary>
internal sealed class AdminKeyFilter(IOptions<AdminOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var configured = options.Value.Key;
        if (string.IsNullOrEmpty(configured))
        {
            return TypedResults.NotFound();
        }

        var request = context.HttpContext.Request;
        var given = request.Headers["X-Admin-Key"].FirstOrDefault() ?? BasicPassword(request.Headers.Authorization.FirstOrDefault()) ?? string.Empty;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(configured)))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"HeeBot admin\", charset=\"UTF-8\"";
            return TypedResults.Unauthorized();
        }

        return await next(context);
    }

    private static string? BasicPassword(string? header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value) || !value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || value.Parameter is null)
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
