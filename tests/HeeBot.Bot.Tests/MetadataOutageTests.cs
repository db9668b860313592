using System.Net;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary>
/// The OpenID metadata (signing keys) endpoint down: tokens the bot cannot check are refused, never accepted;
/// keys it already has keep working; the bot keeps serving.
/// </summary>
public sealed class MetadataOutageTests : IAsyncLifetime
{
    private readonly AuthenticatedBot bot = new();

    public Task InitializeAsync() => bot.InitializeAsync();

    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task MetadataDownFromTheStart_AValidTokenIsRefused_AndTheBotKeepsServing()
    {
        var channel = bot.Channel;
        channel.MetadataDown = true;
        using var client = bot.App.CreateClient();

        var (response, replies) = await client.AskAsync(Activities.TeamsPersonalMessage(channel.ServiceUrl, "What is HEE?"), TestTokens.Channel(channel.ChannelKey, channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(replies);
        Assert.Contains("refused (401)", await bot.App.WaitForLogAsync("refused (401)"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task MetadataDownAfterKeysWereFetched_CachedKeysStillWork_AndUnknownKeysAreRefused()
    {
        var channel = bot.Channel;
        using var client = bot.App.CreateClient();
        var first = await client.AskAsync(Activities.TeamsPersonalMessage(channel.ServiceUrl, "What is HEE?"), TestTokens.Channel(channel.ChannelKey, channel.ServiceUrl));
        Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);

        channel.MetadataDown = true;
        var cached = await client.AskAsync(Activities.TeamsPersonalMessage(channel.ServiceUrl, "What is the Shape of Caring Review?"), TestTokens.Channel(channel.ChannelKey, channel.ServiceUrl));
        var rotated = channel.RotateChannelKey();
        var unknown = await client.AskAsync(Activities.TeamsPersonalMessage(channel.ServiceUrl, "What is HEE?"), TestTokens.Channel(rotated, channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, cached.Response.StatusCode);
        Assert.Single(cached.Replies);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Response.StatusCode);
        Assert.Empty(unknown.Replies);
    }
}
