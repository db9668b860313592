using System.ComponentModel.DataAnnotations;

namespace HeeBot.Bot.Faq;

/// <summary>What the bot says about itself, from the <c>Faq</c> configuration section.</summary>
public sealed class FaqOptions
{
    public const string SectionName = "Faq";

    [Required]
    public string BotName { get; set; } = "HeeBot";

    /// <summary>What the bot answers questions about, as a phrase: "I answer questions about {Subject}."</summary>
    [Required]
    public string Subject { get; set; } = "the knowledge it was given";

    /// <summary>Offered as buttons with the welcome, help and declines; Teams shows the first three.</summary>
    public IList<string> ExampleQuestions { get; set; } = [];

    /// <summary>
    /// Where a person can help (a web page or a <c>mailto:</c> address), offered when the bot declines, after "Not
    /// helpful", and when someone asks for a person. Unset: the bot says it cannot pass anyone on.
    /// </summary>
    public string? ContactUrl { get; set; }

    /// <summary>The contact's button: what it opens, for people.</summary>
    [Required]
    public string ContactLabel { get; set; } = "Contact the team";

    /// <summary>Runners-up below this confidence are not shown under an answer.</summary>
    [Range(0.0, 1.0)]
    public double MinRunnerUpConfidence { get; set; } = 0.2;
}
