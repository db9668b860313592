using System.ComponentModel.DataAnnotations;

namespace HeeBot.Bot.Analytics;

/// <summary>
/// The question log, from the <c>Analytics</c> configuration section. One instance keeps it in a SQLite file
/// (<see cref="DatabasePath"/>); with <c>ConnectionStrings:QuestionLog</c> set, every instance writes to that
/// PostgreSQL database instead.
/// </summary>
public sealed class AnalyticsOptions
{
    public const string SectionName = "Analytics";

    /// <summary>The name under <c>ConnectionStrings</c> of the PostgreSQL database shared by several instances.</summary>
    public const string ConnectionStringName = "QuestionLog";

    /// <summary>The SQLite file (relative paths from the content root); created and migrated at start-up.</summary>
    [Required]
    public string DatabasePath { get; set; } = "data/heebot.db";

    /// <summary>
    /// Salt for user id hashes (set it from the environment to keep hashes stable across deployments; required with
    /// PostgreSQL, so every instance hashes alike). Empty: a random salt is kept in <c>salt</c> beside the SQLite file.
    /// </summary>
    public string? UserHashSalt { get; set; }

    /// <summary>How long a turn waits for its question to be stored before replying anyway (the event stays queued).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan StoreWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Questions and feedback older than this many days are deleted, at start-up and every day after.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>Events waiting to be stored, at most; beyond it new ones are dropped and counted.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;
}
