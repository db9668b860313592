using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace HeeBot.BotFramework.Authentication;

/// <summary>
/// Outbound tokens for the Bot Connector from Microsoft.Identity.Client, which caches each token until shortly
/// before it expires: client credentials against the botframework.com tenant (MultiTenant) or the bot's own
/// tenant (SingleTenant), or the user-assigned managed identity (UserAssignedMSI).
/// </summary>
public sealed class MsalAccessTokenProvider : IAccessTokenProvider
{
    /// <summary>The audience of tokens for the Bot Connector.</summary>
    public const string BotConnectorResource = "https://api.botframework.com";

    private static readonly string[] Scopes = [BotConnectorResource + "/.default"];

    private readonly IConfidentialClientApplication? confidential;
    private readonly IManagedIdentityApplication? managedIdentity;

    public MsalAccessTokenProvider(IOptions<BotCredentials> credentials, IOptions<BotFrameworkOptions> options)
    {
        var c = credentials.Value;
        if (c.IsLocalMode)
        {
            return;
        }

        if (c.AppType == BotAppType.UserAssignedMsi)
        {
            managedIdentity = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(c.MicrosoftAppId)).Build();
            return;
        }

        var tenant = c.AppType == BotAppType.SingleTenant ? c.MicrosoftAppTenantId : "botframework.com";
        confidential = ConfidentialClientApplicationBuilder.Create(c.MicrosoftAppId)
            .WithClientSecret(c.MicrosoftAppPassword)
            .WithAuthority($"{options.Value.LoginEndpoint.TrimEnd('/')}/{tenant}")
            .Build();
    }

    public async Task<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (confidential is not null)
        {
            var result = await confidential.AcquireTokenForClient(Scopes).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }

        if (managedIdentity is not null)
        {
            var result = await managedIdentity.AcquireTokenForManagedIdentity(BotConnectorResource).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }

        return null;
    }
}
