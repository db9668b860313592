namespace HeeBot.BotFramework.Schema;

/// <summary>The activity types HeeBot handles; others are accepted and ignored.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Invoke = "invoke";
    public const string Event = "event";
    public const string MessageReaction = "messageReaction";
    public const string InstallationUpdate = "installationUpdate";
    public const string EndOfConversation = "endOfConversation";
    public const string Typing = "typing";
    public const string Trace = "trace";
}
