using System.Net;
using HeeBot.Bot.Tests.TestInfrastructure;
using HeeBot.Bot.Analytics;

namespace HeeBot.Bot.Tests;

/// <summary>The editors' admin page: off by default, refused without the key, charts and tables with it.</summary>
public sealed class AdminPageTests
{
    private const string Key = "test-admin-key-0123";

    /// <summary>Two weeks of questions and feedback on fixed dates, so the page (and its screenshot) is always the same.</summary>
    private static async Task SeedAsync(string databasePath)
    {
        var log = SqliteQuestionLog.Open(databasePath);
        var events = new List<QuestionLogEvent>();
        var start = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        for (var day = 0; day < 14; day++)
        {
            var questions = 8 + (day * 5 % 9);
            for (var q = 0; q < questions; q++)
            {
                var kind = (q % 7) switch { 0 => Outcome.Declined, 1 when day % 2 == 0 => Outcome.DidYouMean, _ => Outcome.Answered };
                var question = kind == Outcome.Declined ? (q % 2 == 0 ? "What is HEE's budget?" : "Who is the chief executive?") : "What is the Shape of Caring Review?";
                events.Add(new QuestionAsked($"q{day}-{q}", start.AddDays(day).AddMinutes(q), "webchat", "h", question, kind, "hee#shape-of-caring-review", 1, 0.9));
            }

            for (var f = 0; f < day % 4 + 1; f++)
            {
                var helpful = f % 3 != 2;
                var passage = helpful ? "hee#shape-of-caring-review" : "hee#genomic-education-programme";
                events.Add(new FeedbackGiven($"f{day}-{f}", start.AddDays(day).AddHours(f), "webchat", "h", "q", passage, 1, 0.9, helpful));
            }
        }

        await log.WriteAsync(events, CancellationToken.None);
    }

    [Fact]
    public async Task AdminPage_IsOffWithoutAConfiguredKey()
    {
        await using var bot = BotApplication.WithArticle();
        using var http = bot.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task AdminPage_RefusesAMissingOrWrongKey_AndShowsChartsAndNumbersWithIt()
    {
        await using var bot = BotApplication.WithArticle(("Admin:Key", Key));
        await SeedAsync(bot.DatabasePath);
        using var http = bot.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/admin")).StatusCode);
        var refused = await http.GetAsync($"/admin?key={Key}"); // never from the query string
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.StartsWith("Basic", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin?from=2026-11-01");
        request.Headers.Add("X-Admin-Key", Key);
        var response = await http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, html.Split("<svg ").Length - 1);
        Assert.Contains("<tr><th scope=\"row\">Questions</th><td>162</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>2026-11-02</td><td>8</td>", html, StringComparison.Ordinal);
        Assert.Contains("What is HEE&#39;s budget?", html, StringComparison.Ordinal);
        Assert.Contains("hee#genomic-education-programme", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminPage_InTheBrowser_RendersItsChartsWithoutErrors()
    {
        await using var bot = BotApplication.WithArticle(("Admin:Key", Key));
        await SeedAsync(bot.DatabasePath);
        await using var chromium = await Chromium.LaunchAsync();
        var browser = chromium.Browser;
        // The editor's browser answers the page's Basic challenge with the key as the password.
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1000, Height = 1400 }, HttpCredentials = new() { Username = "editor", Password = Key } });
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                problems.Add(m.Text);
            }
        };

        await page.GotoAsync(new Uri(bot.BaseAddress, "/admin?from=2026-11-01").ToString());

        Assert.Equal(3, await page.Locator("svg.chart").CountAsync());
        Assert.Equal(14, await page.Locator("table.days tbody tr").CountAsync());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var screenshot = HeeBot.Tests.Screenshots.PathFor("admin.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
    }
}
