using System.ComponentModel.DataAnnotations;

namespace HeeBot.Bot.Redis;

/// <summary>How HeeBot uses the Redis of <c>ConnectionStrings:Redis</c>, from the <c>Redis</c> configuration section.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>The name under <c>ConnectionStrings</c>; empty or unset, everything stays in this process.</summary>
    public const string ConnectionStringName = "Redis";

    /// <summary>
    /// Starts every key HeeBot writes (<c>dl:</c> Direct Line conversations, <c>state:</c> what the bot remembers of
    /// them), so several deployments can share one Redis.
    /// </summary>
    [Required(AllowEmptyStrings = true)]
    [RegularExpression("^[A-Za-z0-9:_.-]*$")]
    public string KeyPrefix { get; set; } = "heebot:";
}
