using System.ComponentModel.DataAnnotations;

namespace HeeBot.Bot.Retrieval;

/// <summary>Where the knowledge and the index live (relative paths are from the app's content root), and the answer threshold.</summary>
public sealed class RetrievalOptions
{
    public const string SectionName = "Retrieval";

    [Required]
    public string KnowledgePath { get; set; } = "knowledge";

    [Required]
    public string IndexPath { get; set; } = "index";

    /// <summary>
    /// How often the index folder and the knowledge folder are checked for changes: a new index there goes live, and
    /// knowledge newer than the live index is rebuilt into it. Zero turns checking off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests one client address may make to /api/search per minute; beyond it 429 with Retry-After. 0 for no limit.</summary>
    [Range(0, int.MaxValue)]
    public int SearchRequestsPerMinute { get; set; } = 600;

    [Range(0.0, 1.0)]
    public double Threshold { get; set; } = HeeBot.Retrieval.Search.SearchOptions.DefaultThreshold;
}
