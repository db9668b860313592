using System.ComponentModel.DataAnnotations;

namespace HeeBot.BotFramework;

/// <summary>Protocol settings from the <c>BotFramework</c> configuration section; the defaults are Azure's public cloud.</summary>
public sealed class BotFrameworkOptions
{
    public const string SectionName = "BotFramework";

    /// <summary>Where the signing keys of Bot Connector (channel) tokens are published.</summary>
    [Required]
    [Url]
    public string ChannelOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Where the signing keys of Emulator (Azure AD) tokens are published.</summary>
    [Required]
    [Url]
    public string EmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>The issuer of channel tokens.</summary>
    public string ChannelTokenIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>Azure AD's login host for outbound tokens.</summary>
    public string LoginEndpoint { get; set; } = "https://login.microsoftonline.com";

    /// <summary>In local mode, service URL prefixes replies may go to besides loopback addresses.</summary>
    public IList<string> AllowedServiceUrls { get; set; } = [];

    /// <summary>
    /// How long one attempt to deliver a reply to a channel may take before it is abandoned. An attempt that timed out
    /// is not retried: the channel may have taken the reply, and sending it again would show it twice.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ReplyAttemptTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// The whole budget for delivering one reply, retries included; after it the reply is dropped and logged. Well under
    /// the 15 s after which Teams delivers an activity again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:10:00")]
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest request body /api/messages accepts.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 256 * 1024;
}
