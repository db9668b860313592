namespace HeeBot.BotFramework.Schema;

/// <summary>Wire values of <c>deliveryMode</c>.</summary>
public static class DeliveryModes
{
    public const string Normal = "normal";

    /// <summary>Replies go back in the HTTP response body, not to the service URL.</summary>
    public const string ExpectReplies = "expectReplies";
}
