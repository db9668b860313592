using System.Net;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary>Signing keys rotate: a token naming a new key makes the bot fetch the keys again, but not more than once in 30 s.</summary>
public sealed class KeyRotationTests(AuthenticatedBot bot) : IClassFixture<AuthenticatedBot>
{
    [Fact]
    public async Task RotatedKey_IsFetchedOnce_ThenMadeUpKeysCannotForceAnotherFetch()
    {
        var channel = bot.Channel;
        using var client = bot.App.CreateClient();
        var before = await client.AskAsync(Activities.TeamsPersonalMessage(channel.ServiceUrl, "hi"), TestTokens.Channel(channel.ChannelKey, channel.ServiceUrl));
        Assert.Equal(HttpStatusCode.OK, before.Response.StatusCode);

        var rotated = channel.RotateChannelKey();
        var afterRotation = await client.AskAsync(Activities.TeamsPersonalMessage(channel.ServiceUrl, "What is HEE?"), TestTokens.Channel(rotated, channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, afterRotation.Response.StatusCode);
        Assert.Single(afterRotation.Replies);

        // Within the refresh interval another unknown key is refused at once, without fetching the keys again.
        var rotatedAgain = channel.RotateChannelKey();
        var tooSoon = await client.AskAsync(Activities.TeamsPersonalMessage(channel.ServiceUrl, "What is HEE?"), TestTokens.Channel(rotatedAgain, channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, tooSoon.Response.StatusCode);
    }
}
