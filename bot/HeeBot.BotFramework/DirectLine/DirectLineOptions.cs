using System.ComponentModel.DataAnnotations;

namespace HeeBot.BotFramework.DirectLine;

/// <summary>The built-in Direct Line 3.0 channel, from the <c>DirectLine</c> configuration section.</summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>
    /// The secret a server presents to <c>POST /tokens/generate</c> (or to start a conversation directly). Empty:
    /// only the app itself can mint tokens (<c>DirectLineChannel.GenerateToken</c>). Set it from the environment.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// The key conversation tokens are signed with (base64, 32 bytes or more). Instances behind one load balancer
    /// need the same key: set it, or give them the same <see cref="Secret"/> (the key is then derived from it).
    /// </summary>
    [Base64String]
    public string? TokenSigningKey { get; set; }

    /// <summary>How long a conversation token lasts; clients refresh it before then.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A conversation nobody has used for this long is forgotten.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most activities a transcript keeps; older ones are dropped first.</summary>
    [Range(10, 100_000)]
    public int MaxActivitiesPerConversation { get; set; } = 500;

    /// <summary>The most conversations held at once; beyond it new ones get 429.</summary>
    [Range(1, 1_000_000)]
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>The largest activity a client may post.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The public address of the app (<c>https://chat.example.org</c>, with a path if it is served under one), for the
    /// URLs handed to clients, when a proxy in front changes it without saying so in <c>X-Forwarded-*</c> headers.
    /// Unset: the request's scheme and host, after forwarded headers.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Web origins allowed to call the Direct Line endpoints from their own pages (CORS); the app's own page needs none.</summary>
    public IList<string> AllowedOrigins { get; set; } = [];

    /// <summary>The bot as Direct Line clients see it.</summary>
    [Required]
    public string BotId { get; set; } = "bot";

    [Required]
    public string BotName { get; set; } = "Bot";
}
