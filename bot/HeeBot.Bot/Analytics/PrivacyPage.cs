using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Analytics;

/// <summary><c>/privacy</c>: what HeeBot keeps of a conversation, why, and for how long, in plain words, from the settings in force.</summary>
internal static class PrivacyPage
{
    public static RouteHandlerBuilder MapPrivacy(this IEndpointRouteBuilder endpoints, string pattern) => endpoints.MapGet(pattern, Page);

    private static ContentHttpResult Page(HttpContext context, IOptions<AnalyticsOptions> analytics, IOptions<BotFramework.DirectLine.DirectLineOptions> directLine)
    {
        var days = analytics.Value.RetentionDays.ToString(CultureInfo.InvariantCulture);
        var idle = directLine.Value.ConversationIdleTimeout.TotalMinutes.ToString("0", CultureInfo.InvariantCulture);
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
        return TypedResults.Content($$"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>HeeBot: how your questions are used</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/app.css"></head>
            <body>
            <main class="page">
            <h1>How your questions are used</h1>
            <p>HeeBot is an automated assistant. It answers from published articles about Health Education England and does not
            pass your messages to a person.</p>
            <h2>What is kept</h2>
            <ul>
            <li>Each question, with what became of it (answered, not answered, a choice offered), the passage given and when it
            was asked. Email addresses, phone numbers, NHS numbers, National Insurance numbers, postcodes and other long numbers
            are removed before anything is stored.</li>
            <li>Whether you found an answer helpful.</li>
            <li>A code made from your chat's user id (a salted hash), so repeated questions can be counted without knowing who
            asked. No name, email address or account is stored.</li>
            <li>Messages about harm or an emergency are recorded only as having been signposted; what was said is not kept.</li>
            </ul>
            <h2>Why</h2>
            <p>To see which questions go unanswered and which answers do not help, so the people who keep the content can improve it.</p>
            <h2>For how long</h2>
            <p>Questions and feedback are deleted after {{days}} days. The chat itself is kept while you use it and forgotten
            {{idle}} minutes after its last message.</p>
            </main>
            </body>
            </html>
            """, "text/html; charset=utf-8");
    }
}
