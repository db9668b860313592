using HeeBot.BotFramework.Connector;
using Microsoft.Extensions.Options;

namespace HeeBot.BotFramework.Tests;

public sealed class ServiceUrlPolicyTests
{
    private static ServiceUrlPolicy Policy(string appId, params string[] allowed) =>
        new(Options.Create(new BotCredentials { MicrosoftAppId = appId }), Options.Create(new BotFrameworkOptions { AllowedServiceUrls = allowed }));

    [Theory]
    [InlineData("http://localhost:3979/", true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://127.1.2.3/", true)]
    [InlineData("http://[::1]:9000/", true)]
    [InlineData("https://smba.trafficmanager.net/amer/", false)]
    [InlineData("http://10.0.0.5/", false)]
    [InlineData("http://localhost.evil.example/", false)]
    [InlineData("ftp://localhost/", false)]
    [InlineData("not a url", false)]
    [InlineData(null, false)]
    public void LocalMode_AllowsOnlyLoopbackHttp(string? serviceUrl, bool allowed)
    {
        Assert.Equal(allowed, Policy(string.Empty).IsAllowed(serviceUrl));
    }

    [Theory]
    [InlineData("https://tunnel.example.net", "https://tunnel.example.net/emulator/", true)]
    [InlineData("https://tunnel.example.net/", "https://TUNNEL.example.net/v3/conversations/c/activities", true)]
    [InlineData("https://tunnel.example.net", "https://tunnel.example.net.evil.example/", false)]
    [InlineData("https://tunnel.example.net", "https://tunnel.example.net:8443/", false)]
    [InlineData("https://tunnel.example.net", "http://tunnel.example.net/", false)]
    [InlineData("https://tunnel.example.net", "https://user@evil.example/", false)]
    [InlineData("https://tunnel.example.net/emulator", "https://tunnel.example.net/emulator/v3/conversations", true)]
    [InlineData("https://tunnel.example.net/emulator/", "https://tunnel.example.net/emulator", true)]
    [InlineData("https://tunnel.example.net/emulator", "https://tunnel.example.net/emulatorx/", false)]
    [InlineData("https://tunnel.example.net/emulator", "https://tunnel.example.net/", false)]
    [InlineData("not a url", "https://tunnel.example.net/", false)]
    public void LocalMode_AllowsConfiguredUrls_ByOrigin_AndPathSegments(string allowed, string serviceUrl, bool expected)
    {
        Assert.Equal(expected, Policy(string.Empty, allowed).IsAllowed(serviceUrl));
    }

    [Fact]
    public void WithCredentials_AllowsTheAuthenticatedServiceUrl()
    {
        Assert.True(Policy("app").IsAllowed("https://smba.trafficmanager.net/amer/"));
    }
}
