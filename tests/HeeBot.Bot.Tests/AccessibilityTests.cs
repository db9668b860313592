using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using HeeBot.Bot.Tests.TestInfrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HeeBot.Bot.Tests;

/// <summary>
/// The chat page checked with axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) in Debian's Chromium, as a person meets it:
/// with the welcome, and with an answer on screen, at desktop width and at 320 px; and the accessibility statement it links to.
/// </summary>
public sealed class AccessibilityTests(LocalBot bot, Chromium chromium) : IClassFixture<LocalBot>, IClassFixture<Chromium>
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task ThePage_WithTheWelcome_AndWithAnAnswer_HasNoViolations(int width)
    {
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
        await page.GotoAsync(new Uri(bot.App.BaseAddress, "/?transport=websocket").ToString());
        var feed = page.Locator("[role=feed]");
        await Expect(feed).ToContainTextAsync("I answer questions about", new() { Timeout = 15_000 });
        await Expect(page.GetByText("An automated assistant, not a person.")).ToBeVisibleAsync();

        var welcome = await page.RunAxe(Wcag);

        await page.Locator("input[data-id=webchat-sendbox-input]").FillAsync("What is the Shape of Caring Review?");
        await page.Keyboard.PressAsync("Enter");
        await Expect(feed.Locator(".ac-adaptiveCard").Last).ToContainTextAsync("Shape of Caring Review", new() { Timeout = 15_000 });
        var answer = await page.RunAxe(Wcag);

        Assert.True(welcome.Violations.Length == 0, Describe("with the welcome", width, welcome));
        Assert.True(answer.Violations.Length == 0, Describe("with an answer", width, answer));
    }

    [Fact]
    public async Task TheStatement_IsLinkedFromThePage_SaysWhatWasTested_AndHasNoViolations()
    {
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(bot.App.BaseAddress.ToString());
        var opened = page.Context.WaitForPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Accessibility" }).ClickAsync();
        var statement = await opened;
        await statement.WaitForLoadStateAsync();

        await Expect(statement.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accessibility statement for HeeBot");
        await Expect(statement.Locator("main")).ToContainTextAsync("WCAG) version 2.2 at level AA");
        await Expect(statement.Locator("main")).ToContainTextAsync("at desktop width and at 320 pixels wide");
        await Expect(statement.GetByRole(AriaRole.Heading, new() { Name = "Reporting a problem" })).ToBeVisibleAsync();
        var result = await statement.RunAxe(Wcag);
        Assert.True(result.Violations.Length == 0, Describe("the statement", 1280, result));
    }

    private static string Describe(string state, int width, AxeResult result) =>
        $"{state} at {width} px: " + string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help}; " + string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target + " " + n.Html))));
}
