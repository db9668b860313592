using System.ComponentModel.DataAnnotations;

namespace HeeBot.Bot.WebChat;

/// <summary>The chat page, from the <c>WebChat</c> configuration section.</summary>
public sealed class WebChatOptions
{
    public const string SectionName = "WebChat";

    /// <summary>
    /// Azure mode: the Direct Line secret of the Azure Bot resource (from the environment). When set, the page
    /// gets its tokens from Azure's Direct Line instead of the built-in channel.
    /// </summary>
    public string? DirectLineSecret { get; set; }

    /// <summary>Azure's Direct Line, used in Azure mode.</summary>
    [Required]
    [Url]
    public string DirectLineEndpoint { get; set; } = "https://directline.botframework.com/v3/directline";

    /// <summary>Sites allowed to embed the chat in a frame (CSP frame-ancestors); the app's own origin always is.</summary>
    public IList<string> EmbedOrigins { get; set; } = [];

    public bool IsAzureMode => !string.IsNullOrWhiteSpace(DirectLineSecret);
}
