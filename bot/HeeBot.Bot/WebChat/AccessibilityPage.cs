using Microsoft.Extensions.Options;
using HeeBot.Bot.Faq;

namespace HeeBot.Bot.WebChat;

/// <summary>
/// <c>/accessibility</c>: the chat page's accessibility statement, in the form the Public Sector Bodies Accessibility
/// Regulations ask for: how accessible it is (WCAG 2.2 AA), what was tested and when, what is known not to work, and
/// how to report a problem.
/// </summary>
internal static class AccessibilityPage
{
    /// <summary>When the statement was last checked against the page; the browser tests re-check the automated part on every run.</summary>
    public const string Reviewed = "2 December 2026";

    public static RouteHandlerBuilder MapAccessibility(this IEndpointRouteBuilder endpoints, string pattern) => endpoints.MapGet(pattern, Page);

    private static IResult Page(HttpContext context, IOptions<FaqOptions> faq)
    {
        var contact = faq.Value.ContactUrl is { Length: > 0 } url
            ? $"""<a href="{System.Net.WebUtility.HtmlEncode(url)}">{System.Net.WebUtility.HtmlEncode(faq.Value.ContactLabel)}</a>"""
            : "the team that runs this service, through the organisation that pointed you to it";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
        return TypedResults.Content($$"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>HeeBot: accessibility statement</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/app.css"></head>
            <body>
            <main class="page">
            <h1>Accessibility statement for HeeBot</h1>
            <p>HeeBot is an automated assistant that answers questions about Health Education England. We want as many people
            as possible to be able to use it: to change colours and text size, zoom to 400% without text spilling off the
            screen, use it with a keyboard alone, with speech recognition software and with a screen reader.</p>
            <h2>How accessible it is</h2>
            <p>The chat page aims to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. Every answer
            is text: the passage, its section, where it comes from and when that was last checked. Buttons have text labels, and
            everything the buttons do can also be typed as a question.</p>
            <h2>What we know does not work well</h2>
            <ul>
            <li>New replies are announced by the chat widget (Microsoft Bot Framework Web Chat); some screen readers read a long
            answer in one go rather than by paragraph.</li>
            <li>The page has not yet been tested by people using assistive technology, or audited by hand against every WCAG
            success criterion.</li>
            </ul>
            <h2>How it was tested</h2>
            <p>Automated checks with axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) run on the chat page on every change, with
            the welcome and with an answer on screen, at desktop width and at 320 pixels wide. This statement was last reviewed on
            {{Reviewed}}.</p>
            <h2>Reporting a problem</h2>
            <p>If something on this page does not work for you, or you need the information in another format, contact
            {{contact}}. Say what you were trying to do and what happened.</p>
            <h2>Enforcement procedure</h2>
            <p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and
            Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to your
            complaint, contact the Equality Advisory and Support Service (EASS).</p>
            <p><a href="/">Back to the chat</a></p>
            </main>
            </body>
            </html>
            """, "text/html; charset=utf-8");
    }
}
