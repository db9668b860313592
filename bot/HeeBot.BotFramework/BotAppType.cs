namespace HeeBot.BotFramework;

/// <summary>How the bot gets its outbound tokens.</summary>
public enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMsi,
}
