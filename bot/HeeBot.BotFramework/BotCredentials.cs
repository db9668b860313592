namespace HeeBot.BotFramework;

/// <summary>
/// The bot's identity, from the root configuration keys every Bot Framework bot uses. An empty
/// <see cref="MicrosoftAppId"/> is local mode: no authentication either way, as the SDK does for the Emulator.
/// Secrets come from the environment (e.g. <c>MicrosoftAppPassword</c>), never from files in git.
/// </summary>
public sealed class BotCredentials
{
    /// <summary>MultiTenant (default), SingleTenant or UserAssignedMSI; read case-insensitively.</summary>
    public string? MicrosoftAppType { get; set; }

    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    public bool IsLocalMode => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public BotAppType AppType => MicrosoftAppType?.Trim().ToUpperInvariant() switch
    {
        "SINGLETENANT" => BotAppType.SingleTenant,
        "USERASSIGNEDMSI" => BotAppType.UserAssignedMsi,
        _ => BotAppType.MultiTenant,
    };

    /// <summary>What is missing or contradictory for the configured app type; empty when usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (IsLocalMode)
        {
            yield break;
        }

        switch (AppType)
        {
            case BotAppType.MultiTenant when string.IsNullOrEmpty(MicrosoftAppPassword):
                yield return "MicrosoftAppPassword is required when MicrosoftAppId is set (set it in the environment)";
                break;
            case BotAppType.SingleTenant when string.IsNullOrEmpty(MicrosoftAppPassword) || string.IsNullOrEmpty(MicrosoftAppTenantId):
                yield return "MicrosoftAppType SingleTenant needs MicrosoftAppPassword and MicrosoftAppTenantId";
                break;
            case BotAppType.UserAssignedMsi when string.IsNullOrEmpty(MicrosoftAppTenantId) || !string.IsNullOrEmpty(MicrosoftAppPassword):
                yield return "MicrosoftAppType UserAssignedMSI needs MicrosoftAppTenantId and no MicrosoftAppPassword";
                break;
        }
    }
}
