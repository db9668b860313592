using System.Net;
using System.Text.Json;
using HeeBot.Bot.Tests.TestInfrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HeeBot.Bot.Tests;

/// <summary>
/// One instance restarted (a deploy, a crash) with open chats: the conversations, their transcripts and the key their
/// tokens are signed with are kept in its data folder, so every chat carries on where it was.
/// </summary>
public sealed class RestartTests : IAsyncLifetime
{
    private BotProcess bot = null!;

    public async Task InitializeAsync() => bot = await BotProcess.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task AfterARestart_TheSameTokenReadsTheTranscript_AndTheNextQuestionIsAnswered()
    {
        using var http = bot.CreateClient();
        var client = new DirectLineClient(http);
        using var page = JsonDocument.Parse(await (await http.PostAsync("/api/directline/token", null)).Content.ReadAsStringAsync());
        var token = page.RootElement.GetProperty("token").GetString()!;
        var (_, started) = await client.SendAsync(HttpMethod.Post, "/conversations", token);
        var conversationId = started.GetProperty("conversationId").GetString()!;
        await client.PostMessageAsync(conversationId, token, "What is the Shape of Caring Review?", "c-1");
        var (before, watermark) = await client.ActivitiesAsync(conversationId, token);

        await bot.RestartAsync();

        var (after, sameWatermark) = await client.ActivitiesAsync(conversationId, token);
        var (posted, _) = await client.PostMessageAsync(conversationId, token, "What is the Genomic Education Programme?", "c-2");
        var (next, _) = await client.ActivitiesAsync(conversationId, token, watermark);

        Assert.Equal(Ids(before), Ids(after));
        Assert.Equal(watermark, sameWatermark);
        Assert.Equal(HttpStatusCode.OK, posted);
        Assert.Equal("Genomic Education Programme", Cards.Blocks(next[^1])[0]);
        Assert.All(Ids(next), id => Assert.DoesNotContain(id, Ids(before)));
    }

    [Fact]
    public async Task AfterARestart_TheSameWebChatCarriesOn()
    {
        await using var chromium = await Chromium.LaunchAsync();
        var browser = chromium.Browser;
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(bot.BaseAddress, "/?transport=websocket").ToString());
        var welcome = page.Locator("[role=feed] .webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content");
        await Expect(welcome.First).ToContainTextAsync("I answer questions about Health Education England", new() { Timeout = 15_000 });
        var cards = page.Locator("[role=feed] .ac-adaptiveCard");
        await Ask(page, "What is the Shape of Caring Review?");
        await Expect(cards).ToHaveCountAsync(1, new() { Timeout = 15_000 });

        await bot.RestartAsync();
        await Ask(page, "What is the Genomic Education Programme?");

        // Web Chat reconnects its stream with its token and watermark; the question is answered, nothing shown twice.
        await Expect(cards).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Expect(cards.Last.Locator(".ac-textBlock").First).ToHaveTextAsync("Genomic Education Programme");
        await Expect(page.GetByText("Send failed")).ToHaveCountAsync(0);
    }

    private static async Task Ask(IPage page, string question)
    {
        await page.Locator("input[data-id=webchat-sendbox-input]").FillAsync(question);
        await page.Keyboard.PressAsync("Enter");
    }

    private static string[] Ids(IEnumerable<JsonElement> activities) => [.. activities.Select(a => a.GetProperty("id").GetString()!)];
}
