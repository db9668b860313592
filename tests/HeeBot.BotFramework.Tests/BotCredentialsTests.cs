using HeeBot.BotFramework.Authentication;
using Microsoft.Extensions.Options;

namespace HeeBot.BotFramework.Tests;

public sealed class BotCredentialsTests
{
    [Theory]
    [InlineData(null, "", null, null, true)]
    [InlineData("MultiTenant", "app", "secret", null, true)]
    [InlineData("multitenant", "app", null, null, false)]
    [InlineData("SingleTenant", "app", "secret", "tenant", true)]
    [InlineData("SingleTenant", "app", "secret", null, false)]
    [InlineData("UserAssignedMSI", "msi-client-id", null, "tenant", true)]
    [InlineData("UserAssignedMSI", "msi-client-id", "secret", "tenant", false)]
    public void Problems_FollowTheSdksRulesForEachAppType(string? type, string appId, string? password, string? tenant, bool usable)
    {
        var credentials = new BotCredentials { MicrosoftAppType = type, MicrosoftAppId = appId, MicrosoftAppPassword = password, MicrosoftAppTenantId = tenant };

        Assert.Equal(usable, !credentials.Problems().Any());
    }

    [Theory]
    [InlineData("MultiTenant", BotAppType.MultiTenant)]
    [InlineData("singletenant", BotAppType.SingleTenant)]
    [InlineData("UserAssignedMsi", BotAppType.UserAssignedMsi)]
    [InlineData("", BotAppType.MultiTenant)]
    [InlineData("something else", BotAppType.MultiTenant)]
    public void AppType_IsReadCaseInsensitivelyWithMultiTenantAsDefault(string value, BotAppType expected)
    {
        Assert.Equal(expected, new BotCredentials { MicrosoftAppType = value }.AppType);
    }

    [Fact]
    public async Task TokenProvider_InLocalMode_GivesNoToken()
    {
        var provider = new MsalAccessTokenProvider(Options.Create(new BotCredentials()), Options.Create(new BotFrameworkOptions()));

        Assert.Null(await provider.GetTokenAsync(forceRefresh: false, CancellationToken.None));
    }

    [Theory]
    [InlineData("MultiTenant", null)]
    [InlineData("SingleTenant", "tenant")]
    [InlineData("UserAssignedMSI", "tenant")]
    public void TokenProvider_IsBuiltForEachAppType(string type, string? tenant)
    {
        var credentials = new BotCredentials
        {
            MicrosoftAppType = type,
            MicrosoftAppId = "00000000-0000-0000-0000-000000000001",
            MicrosoftAppPassword = type == "UserAssignedMSI" ? null : "secret",
            MicrosoftAppTenantId = tenant,
        };

        _ = new MsalAccessTokenProvider(Options.Create(credentials), Options.Create(new BotFrameworkOptions()));
    }
}
