using HeeBot.Bot.Tests.TestInfrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HeeBot.Bot.Tests;

/// <summary>The chat page in Debian's Chromium, driven by Playwright, against the bot on a real port.</summary>
public sealed class WebChatBrowserTests(LocalBot bot, Chromium chromium) : IClassFixture<LocalBot>, IClassFixture<Chromium>
{
    /// <summary>The README's screenshot, taken by the polling run (into the repository with HEEBOT_SCREENSHOTS=1).</summary>
    private static readonly string Screenshot = HeeBot.Tests.Screenshots.PathFor("webchat-answer.png");

    [Theory]
    [InlineData("polling")]
    [InlineData("websocket")]
    public async Task Page_WelcomesThenAnswersSuggestedAndTypedQuestions_WithoutSendFailures(string transport)
    {
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1000, Height = 1000 } });
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text + " @ " + message.Location);
            }
        };
        page.PageError += (_, error) => problems.Add(error);

        // A short send timeout makes a missing echo show as "Send failed" within the test.
        await page.GotoAsync(new Uri(bot.App.BaseAddress, $"/?transport={transport}&sendTimeout=5000").ToString());
        var botBubbles = page.Locator("[role=feed] .webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content");
        await Expect(botBubbles.First).ToContainTextAsync("I answer questions about Health Education England", new() { Timeout = 15_000 });

        await page.GetByRole(AriaRole.Button, new() { Name = "How does HEE support junior doctors?" }).First.ClickAsync();
        var cards = page.Locator("[role=feed] .ac-adaptiveCard");
        await Expect(cards).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(cards.Last.Locator(".ac-textBlock").First).ToHaveTextAsync("Enhancing Junior Doctors’ Working Lives");

        await page.Locator("input[data-id=webchat-sendbox-input]").FillAsync("What is the Shape of Caring Review?");
        await page.Keyboard.PressAsync("Enter");
        await Expect(cards).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        await Expect(cards.Last.Locator(".ac-textBlock").First).ToHaveTextAsync("Shape of Caring Review");
        await Expect(cards.Last).ToContainTextAsync("A comprehensive review aimed at transforming the education and training of nurses");

        // Give a missing echo time to turn into "Send failed" before checking there is none.
        await page.WaitForTimeoutAsync(5_500);
        await Expect(page.GetByText("Send failed")).ToHaveCountAsync(0);
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        if (transport == "polling")
        {
            await page.ScreenshotAsync(new() { Path = Screenshot });
        }
    }

    [Fact]
    public async Task Page_AmbiguousQuestion_OffersAChoiceAndClickingItAnswers()
    {
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1000, Height = 1000 } });
        await page.GotoAsync(new Uri(bot.App.BaseAddress, "/?transport=websocket&sendTimeout=5000").ToString());
        var feed = page.Locator("[role=feed]");
        await Expect(feed).ToContainTextAsync("I answer questions about", new() { Timeout = 15_000 });

        await page.Locator("input[data-id=webchat-sendbox-input]").FillAsync("How does HEE improve patient care and workforce challenges?");
        await page.Keyboard.PressAsync("Enter");
        await Expect(feed.Locator(".ac-adaptiveCard").Last).ToContainTextAsync("Did you mean:", new() { Timeout = 15_000 });
        await feed.Locator(".ac-adaptiveCard").Last.GetByRole(AriaRole.Button, new() { Name = "Address Workforce Challenges" }).ClickAsync();

        var answer = feed.Locator(".ac-adaptiveCard").Last;
        await Expect(answer.Locator(".ac-textBlock").First).ToHaveTextAsync("Address Workforce Challenges", new() { Timeout = 15_000 });
        await answer.GetByRole(AriaRole.Button, new() { Name = "Helpful", Exact = true }).ClickAsync();
        await Expect(feed).ToContainTextAsync("Thanks, glad it helped.", new() { Timeout = 15_000 });
        await Expect(page.GetByText("Send failed")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Page_IsServedWithAStrictContentSecurityPolicy()
    {
        var page = await chromium.Browser.NewPageAsync();

        var response = await page.GotoAsync(bot.App.BaseAddress.ToString());

        var csp = response!.Headers["content-security-policy"];
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", csp, StringComparison.Ordinal);
        Assert.Matches("style-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'", csp);
    }
}
