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

    [Range(0.0, 1.0)]
    public double Threshold { get; set; } = HeeBot.Retrieval.Search.SearchOptions.DefaultThreshold;
}
