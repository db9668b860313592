namespace HeeBot.Bot.Hosting;

internal static class SecurityHeaders
{
    /// <summary>
    /// Headers every response carries: no MIME sniffing, no referrer, no powerful browser features. Pages add their
    /// own Content-Security-Policy (the chat page and the admin page).
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });
}
