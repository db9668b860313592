using System.Text.Json;
using HeeBot.Bot.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace HeeBot.Bot.Tests;

/// <summary>
/// The deployment DEPLOY.md describes: TLS ends at a proxy (nginx) and the app behind it speaks plain http. The page,
/// its Direct Line and its stream must all be https/wss on the proxy's address, or the browser blocks them.
/// </summary>
public sealed class WebChatBehindProxyTests(LocalBot bot) : IClassFixture<LocalBot>
{
    [Fact]
    public async Task TheTokenEndpoint_HandsOutThePublicHttpsAndWssUrls()
    {
        await using var proxy = await TlsProxy.StartAsync(bot.App.BaseAddress);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var client = new HttpClient(handler) { BaseAddress = proxy.BaseAddress };

        using var token = JsonDocument.Parse(await (await client.PostAsync("/api/directline/token", null)).Content.ReadAsStringAsync());
        var domain = token.RootElement.GetProperty("domain").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(domain + "/conversations"));
        request.Headers.Authorization = new("Bearer", token.RootElement.GetProperty("token").GetString());
        using var started = JsonDocument.Parse(await (await client.SendAsync(request)).Content.ReadAsStringAsync());

        Assert.Equal($"https://127.0.0.1:{proxy.BaseAddress.Port}/v3/directline", domain);
        Assert.StartsWith($"wss://127.0.0.1:{proxy.BaseAddress.Port}/v3/directline/conversations/", started.RootElement.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
        using var page = await client.GetAsync("/");
        Assert.Contains($"connect-src 'self' wss://127.0.0.1:{proxy.BaseAddress.Port};", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task ThePage_ChatsOverHttpsAndWss_WithNoInsecureRequest(string transport)
    {
        await using var proxy = await TlsProxy.StartAsync(bot.App.BaseAddress);
        await using var chromium = await Chromium.LaunchAsync();
        var browser = chromium.Browser;
        var page = await browser.NewPageAsync(new() { IgnoreHTTPSErrors = true }); // the throwaway certificate
        var requests = new List<string>();
        var problems = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        page.WebSocket += (_, socket) => requests.Add(socket.Url);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };

        await page.GotoAsync(new Uri(proxy.BaseAddress, $"/?transport={transport}").ToString());
        var botBubbles = page.Locator("[role=feed] .webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content");
        await Expect(botBubbles.First).ToContainTextAsync("I answer questions about Health Education England", new() { Timeout = 15_000 });
        await page.Locator("input[data-id=webchat-sendbox-input]").FillAsync("What is the Shape of Caring Review?");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[role=feed] .ac-adaptiveCard").Last.Locator(".ac-textBlock").First).ToHaveTextAsync("Shape of Caring Review", new() { Timeout = 15_000 });

        Assert.Contains(requests, url => url.StartsWith("https://", StringComparison.Ordinal) && url.Contains("/v3/directline/", StringComparison.Ordinal));
        if (transport == "websocket")
        {
            Assert.Contains(requests, url => url.StartsWith("wss://", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(requests, url => url.StartsWith("http:", StringComparison.Ordinal) || url.StartsWith("ws:", StringComparison.Ordinal));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
