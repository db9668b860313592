using System.Net;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary><c>/privacy</c> says what is kept and for how long, from the settings in force; the chat page and /admin point to it.</summary>
public sealed class PrivacyPageTests : IAsyncDisposable
{
    private const string AdminKey = "privacy-test-admin-key";
    private readonly BotApplication bot = BotApplication.WithFixture(("Analytics:RetentionDays", "30"), ("Admin:Key", AdminKey));

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task ThePrivacyPage_SaysWhatIsKeptAndForHowLong()
    {
        using var client = bot.CreateClient();

        using var response = await client.GetAsync("/privacy");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("deleted after 30 days", html, StringComparison.Ordinal);
        Assert.Contains("NHS numbers", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChatPageLinksToIt_AndAdminShowsTheRetention()
    {
        using var client = bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("X-Admin-Key", AdminKey);

        var page = await client.GetStringAsync("/");
        using var admin = await client.SendAsync(request);

        Assert.Contains("href=\"/privacy\"", page, StringComparison.Ordinal);
        Assert.Contains("kept for 30 days", await admin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
