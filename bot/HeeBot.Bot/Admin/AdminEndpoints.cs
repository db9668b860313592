using System.Globalization;
using System.Net;
using System.Text;
using HeeBot.Bot.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Admin;

/// <summary>
/// The editors' admin page: what people asked and got, with charts over time and the same numbers in tables.
/// Off (404) while <c>Admin:Key</c> is empty; 401 without the right key.
/// </summary>
internal static class AdminEndpoints
{
    private const string Blue = "#005eb8";
    private const string Green = "#007f3b";
    private const string Red = "#d5281b";

    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName)
            .Validate(o => string.IsNullOrEmpty(o.Key) || o.Key.Length >= AdminOptions.MinKeyLength, $"Admin:Key must be {AdminOptions.MinKeyLength} characters or more (or empty: no admin page)")
            .ValidateOnStart();
        return builder;
    }

    public static RouteHandlerBuilder MapAdmin(this IEndpointRouteBuilder endpoints, string pattern) =>
        endpoints.MapGet(pattern, PageAsync).AddEndpointFilter<AdminKeyFilter>();

    private static async Task<Results<ContentHttpResult, BadRequest<string>>> PageAsync(HttpContext context, QuestionLog log, IOptions<AnalyticsOptions> analytics, TimeProvider time, string? from, int? days)
    {
        DateTimeOffset since;
        if (from is not null)
        {
            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return TypedResults.BadRequest("from must be a date such as 2026-11-01");
            }

            since = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        else
        {
            since = time.GetUtcNow().AddDays(-Math.Clamp(days ?? 30, 1, 3650));
        }

        var report = await log.ReportAsync(since, context.RequestAborted);
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(Render(report, analytics.Value.RetentionDays), "text/html; charset=utf-8");
    }

    private static string Render(QuestionReport report, int retentionDays)
    {
        string E(string s) => WebUtility.HtmlEncode(s);
        string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var labels = report.Days.Select(d => d.Day.ToString("dd MMM", CultureInfo.InvariantCulture)).ToList();
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>HeeBot: what people asked</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/admin.css"></head>
            <body>
            <header class="banner"><h1>What people asked HeeBot</h1><p>Since {E(report.Since.ToString("d MMMM yyyy", CultureInfo.InvariantCulture))}. Questions and feedback are kept for {retentionDays} days.</p></header>
            <main>
            <section aria-labelledby="summary"><h2 id="summary">Summary</h2>
            <table class="figures"><tbody>
            <tr><th scope="row">Questions</th><td>{report.Questions}</td></tr>
            <tr><th scope="row">Answered</th><td>{report.Answered} ({N(report.AnswerRate * 100)}%)</td></tr>
            <tr><th scope="row">Did you mean</th><td>{report.DidYouMean} ({N(report.DidYouMeanRate * 100)}%)</td></tr>
            <tr><th scope="row">Declined</th><td>{report.Declined}</td></tr>
            <tr><th scope="row">None of these</th><td>{report.Misses}</td></tr>
            <tr><th scope="row">Feedback</th><td>{report.Helpful} helpful, {report.NotHelpful} not helpful</td></tr>
            </tbody></table></section>
            <section aria-labelledby="charts"><h2 id="charts">Over time</h2>
            """);
        html.Append("<h3>Questions per day</h3>");
        html.Append(SvgChart.Bars("Questions per day", labels, [("answered", Blue, [.. report.Days.Select(d => (double)d.Answered)]), ("other", "#aeb7bd", [.. report.Days.Select(d => (double)(d.Questions - d.Answered))])]));
        html.Append("<h3>Answered share per day</h3>");
        html.Append(SvgChart.Bars("Answered share per day", labels, [("answered", Green, [.. report.Days.Select(d => d.Questions == 0 ? 0 : 100.0 * d.Answered / d.Questions)])], "%", 100));
        html.Append("<h3>Feedback per day</h3>");
        html.Append(SvgChart.Bars("Feedback per day", labels, [("helpful", Green, [.. report.Days.Select(d => (double)d.Helpful)]), ("not helpful", Red, [.. report.Days.Select(d => (double)d.NotHelpful)])]));
        html.Append("""<table class="days"><caption>Per day</caption><thead><tr><th scope="col">Day</th><th scope="col">Questions</th><th scope="col">Answered</th><th scope="col">Helpful</th><th scope="col">Not helpful</th></tr></thead><tbody>""");
        foreach (var d in report.Days)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{d.Day:yyyy-MM-dd}</td><td>{d.Questions}</td><td>{d.Answered}</td><td>{d.Helpful}</td><td>{d.NotHelpful}</td></tr>");
        }

        html.Append("</tbody></table></section>");
        html.Append("""<section aria-labelledby="declined"><h2 id="declined">Most declined questions</h2><table><thead><tr><th scope="col">Times</th><th scope="col">Question</th></tr></thead><tbody>""");
        foreach (var q in report.TopDeclined)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{q.Count}</td><td>{E(q.Question)}</td></tr>");
        }

        html.Append("""</tbody></table></section><section aria-labelledby="unhelpful"><h2 id="unhelpful">Passages most often "not helpful"</h2><table><thead><tr><th scope="col">Passage</th><th scope="col">Not helpful</th><th scope="col">Helpful</th></tr></thead><tbody>""");
        foreach (var p in report.MostNotHelpful)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(p.PassageId)}</td><td>{p.NotHelpful}</td><td>{p.Helpful}</td></tr>");
        }

        return html.Append("</tbody></table></section></main></body></html>").ToString();
    }
}
