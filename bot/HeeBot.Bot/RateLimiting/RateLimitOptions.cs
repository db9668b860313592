using System.ComponentModel.DataAnnotations;

namespace HeeBot.Bot.RateLimiting;

/// <summary>Requests one client address may make per minute, from the <c>RateLimits</c> configuration section; 0 for no limit.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>
    /// <c>/api/messages</c> in local mode (no app id). With an app id every request comes from the channel's servers
    /// and carries a token, so it is not limited.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MessagesPerMinute { get; set; } = 600;

    /// <summary>The Direct Line endpoints and the page's token endpoint.</summary>
    [Range(0, int.MaxValue)]
    public int DirectLinePerMinute { get; set; } = 600;

    /// <summary><c>/api/search</c>.</summary>
    [Range(0, int.MaxValue)]
    public int SearchPerMinute { get; set; } = 600;
}
