using System.Net;
using HeeBot.Bot.Tests.TestInfrastructure;
using Microsoft.IdentityModel.Tokens;

namespace HeeBot.Bot.Tests;

/// <summary>HeeBot with an app id, trusting the fake channel's locally generated keys: the authentication matrix.</summary>
public sealed class AuthenticationTests(AuthenticatedBot bot) : IClassFixture<AuthenticatedBot>
{
    private FakeChannel Channel => bot.Channel;

    [Fact]
    public async Task ValidChannelToken_IsAccepted()
    {
        using var client = bot.App.CreateClient();
        var token = TestTokens.Channel(Channel.ChannelKey, Channel.ServiceUrl);

        var (response, replies) = await client.AskAsync(Activities.TeamsPersonalMessage(Channel.ServiceUrl, "What is HEE?"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(replies);
    }

    [Fact]
    public async Task ValidEmulatorToken_IsAccepted()
    {
        using var client = bot.App.CreateClient();

        var (response, replies) = await client.AskAsync(Activities.EmulatorMessage(Channel.ServiceUrl, "What is HEE?"), TestTokens.Emulator(Channel.EmulatorKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(replies);
    }

    private List<string> Refusals() => [.. bot.App.Log.Split('\n').Where(l => l.Contains("refused (401)", StringComparison.Ordinal))];

    /// <summary>Each broken token, and the reason the bot must log for it (so none passes by failing for another reason).</summary>
    public static TheoryData<string, string> Refused => new()
    {
        { "missing header", "no Authorization header" },
        { "not bearer", "is not 'Bearer <token>'" },
        { "not a jwt", "the bearer token is not a JWT" },
        { "wrong audience", "SecurityTokenInvalidAudienceException" },
        { "wrong issuer", "issuer 'https://evil.example.com' is neither" },
        { "expired", "SecurityTokenInvalidLifetimeException" },
        { "not yet valid", "SecurityTokenInvalidLifetimeException" },
        { "bad signature", "SecurityTokenInvalidSignatureException" },
        { "alg none", "SecurityTokenInvalidSignatureException" },
        { "HS256", "SecurityTokenInvalidSignatureException" },
        { "unknown key", "SecurityTokenSignatureKeyNotFoundException" },
        { "missing endorsement", "not endorsed for channel 'slack'" },
        { "serviceurl mismatch", "serviceurl claim does not match" },
        { "serviceurl missing", "missing serviceurl claim" },
        { "emulator token for another app", "Emulator token was issued to another app" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task BrokenOrMisdirectedToken_Gets401ForItsReasonAndNoReplyIsPosted(string broken, string reason)
    {
        Channel.Clear();
        using var client = bot.App.CreateClient();
        var activity = Activities.TeamsPersonalMessage(Channel.ServiceUrl, "What is HEE?");
        string? authorization = null;
        string? token = broken switch
        {
            "missing header" => null,
            "not bearer" => null,
            "not a jwt" => "this.is-not-a-jwt",
            "wrong audience" => TestTokens.Channel(Channel.ChannelKey, Channel.ServiceUrl, d => d.Audience = "some-other-bot"),
            "wrong issuer" => TestTokens.Channel(Channel.ChannelKey, Channel.ServiceUrl, d => d.Issuer = "https://evil.example.com"),
            "expired" => TestTokens.Channel(Channel.ChannelKey, Channel.ServiceUrl, d => (d.NotBefore, d.Expires) = (DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddMinutes(-10))),
            "not yet valid" => TestTokens.Channel(Channel.ChannelKey, Channel.ServiceUrl, d => (d.NotBefore, d.Expires) = (DateTime.UtcNow.AddMinutes(10), DateTime.UtcNow.AddHours(1))),
            "bad signature" => TestTokens.Channel(TestTokens.Impostor(Channel.ChannelKey.KeyId), Channel.ServiceUrl),
            "alg none" => TestTokens.AlgNone(Channel.ServiceUrl),
            "HS256" => TestTokens.Channel(Channel.ChannelKey, Channel.ServiceUrl, d => d.SigningCredentials = new SigningCredentials(TestTokens.SharedSecret(Channel.ChannelKey.KeyId), SecurityAlgorithms.HmacSha256)),
            "unknown key" => TestTokens.Channel(TestTokens.Impostor("no-such-key"), Channel.ServiceUrl),
            "missing endorsement" => TestTokens.Channel(Channel.ChannelKey, Channel.ServiceUrl),
            "serviceurl mismatch" => TestTokens.Channel(Channel.ChannelKey, "https://smba.trafficmanager.net/amer/"),
            "serviceurl missing" => TestTokens.Channel(Channel.ChannelKey, Channel.ServiceUrl, d => d.Claims.Remove("serviceurl")),
            "emulator token for another app" => TestTokens.Emulator(Channel.EmulatorKey, "another-app"),
            _ => throw new ArgumentOutOfRangeException(nameof(broken)),
        };
        if (broken == "not bearer")
        {
            authorization = "Basic " + Convert.ToBase64String("user:pass"u8.ToArray());
        }

        if (broken == "missing endorsement")
        {
            activity["channelId"] = "slack";
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        }
        else if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var refusalsBefore = Refusals().Count;
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        for (var i = 0; i < 100 && Refusals().Count == refusalsBefore; i++)
        {
            await Task.Delay(50);
        }

        Assert.Contains(reason, Assert.Single(Refusals().Skip(refusalsBefore)), StringComparison.Ordinal);
        Assert.Empty(Channel.Posts);
    }
}
