using System.ComponentModel.DataAnnotations;

namespace HeeBot.Bot.Analytics;

/// <summary>Where questions and feedback are logged, from the <c>Analytics</c> configuration section.</summary>
public sealed class AnalyticsOptions
{
    public const string SectionName = "Analytics";

    /// <summary>The SQLite file (relative paths from the content root); created and migrated at start-up.</summary>
    [Required]
    public string DatabasePath { get; set; } = "data/heebot.db";

    /// <summary>
    /// Salt for user id hashes (set it from the environment to keep hashes stable across deployments). Empty: a
    /// random salt is kept in <c>salt</c> beside the database.
    /// </summary>
    public string? UserHashSalt { get; set; }

    /// <summary>
    /// With Redis (several instances), whether this instance moves the shared queue of questions and feedback into
    /// its database. Let one instance do it (the one serving /admin) or point all at one database.
    /// </summary>
    public bool DrainQueue { get; set; } = true;
}
