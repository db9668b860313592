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

    [Fact]
    public void LocalMode_AllowsConfiguredPrefixes()
    {
        var policy = Policy(string.Empty, "https://tunnel.example.net/");

        Assert.True(policy.IsAllowed("https://tunnel.example.net/emulator/"));
        Assert.False(policy.IsAllowed("https://tunnel.example.net.evil.example/"));
    }

    [Fact]
    public void WithCredentials_AllowsTheAuthenticatedServiceUrl()
    {
        Assert.True(Policy("app").IsAllowed("https://smba.trafficmanager.net/amer/"));
    }
}
