using System.Text.RegularExpressions;

namespace HeeBot.Retrieval.Search;

/// <summary>
/// The names a question mentions: two or more capitalised words in a row, perhaps joined by small words ("Skills for
/// Health", "Genomic Medicine Service", "NHS Long Term Workforce Plan"), without the question's opening words. A name
/// that no passage mentions is a body, programme or document the knowledge does not cover, however ordinary its
/// words: the searcher lowers its confidence (<see cref="FusionSettings.UnknownNamePenalty"/>) rather than answer
/// "what does Skills for Health do?" with the passage that has the most skills and health in it. Questions typed in
/// capitals or in Title Case have no names: their capitals say nothing.
/// </summary>
internal static partial class QuestionNames
{
    private static readonly HashSet<string> Joins = new(["of", "for", "and", "the", "in", "on", "to", "&"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> Openings = new(
        ["what", "what's", "whats", "when", "where", "who", "who's", "why", "how", "which", "is", "are", "was", "were", "does", "do", "did",
         "can", "could", "would", "should", "will", "tell", "hi", "hello", "hey", "please", "i", "i'm", "im", "my", "a", "an", "the", "and", "so", "ok", "okay"],
        StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> Of(string question)
    {
        var words = Words().Matches(question).Select(w => w.Value).Where(w => !Joins.Contains(w)).ToList();
        var titleCase = words.All(w => char.IsUpper(w[0]));
        var shouted = question.Count(char.IsUpper) * 2 > question.Count(char.IsLetter);
        if (words.Count < 2 || titleCase || shouted)
        {
            return [];
        }

        var names = new List<string>();
        foreach (Match run in CapitalisedRun().Matches(question))
        {
            var parts = run.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).SkipWhile(w => Openings.Contains(w) || Joins.Contains(w)).ToList();
            while (parts.Count > 0 && Joins.Contains(parts[^1]))
            {
                parts.RemoveAt(parts.Count - 1);
            }

            if (parts.Count(p => char.IsUpper(p[0])) >= 2)
            {
                names.Add(string.Join(' ', parts));
            }
        }

        return names;
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex(@"(?<![\p{L}\p{N}'’-])\p{Lu}[\p{L}\p{N}'’-]*(?:\s+(?:(?:of|for|and|the|in|on|to|&)\s+)*\p{Lu}[\p{L}\p{N}'’-]*)+", RegexOptions.CultureInvariant)]
    private static partial Regex CapitalisedRun();
}
