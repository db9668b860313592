using Microsoft.Playwright;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>
/// Debian's Chromium (tests/test.sh installs it), headless, driven by Playwright: the one browser the tests use, launched
/// from its explicit path because a browser download never works here. A class fixture for test classes that share one
/// browser (each test opens its own pages), or <see cref="LaunchAsync"/> for one test.
/// </summary>
public sealed class Chromium : IAsyncLifetime, IAsyncDisposable
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Chromium is not launched yet");

    public static async Task<Chromium> LaunchAsync()
    {
        var chromium = new Chromium();
        await chromium.InitializeAsync();
        return chromium;
    }

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
