namespace HeeBot.BotFramework.Schema;

/// <summary>The <c>channelId</c> values of the channels a bot meets, as Azure Bot Service and the Emulator send them.</summary>
public static class Channels
{
    public const string MsTeams = "msteams";
    public const string DirectLine = "directline";
    public const string WebChat = "webchat";
    public const string Emulator = "emulator";
}
