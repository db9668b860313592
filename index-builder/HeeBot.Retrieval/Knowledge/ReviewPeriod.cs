using System.Globalization;
using System.Text.RegularExpressions;

namespace HeeBot.Retrieval.Knowledge;

/// <summary>How often an article is checked, from front matter <c>review-every</c>: "6 months", "1 year", "8 weeks", "30 days".</summary>
internal readonly partial record struct ReviewPeriod(int Count, char Unit)
{
    public static ReviewPeriod? Parse(string text)
    {
        var match = PeriodPattern().Match(text.Trim());
        return match.Success && int.TryParse(match.Groups["count"].Value, CultureInfo.InvariantCulture, out var count) && count > 0
            ? new ReviewPeriod(count, char.ToLowerInvariant(match.Groups["unit"].Value[0]))
            : null;
    }

    public DateOnly After(DateOnly date) => Unit switch
    {
        'y' => date.AddYears(Count),
        'm' => date.AddMonths(Count),
        'w' => date.AddDays(7 * Count),
        _ => date.AddDays(Count),
    };

    [GeneratedRegex(@"^(?<count>\d{1,3})\s*(?<unit>years?|months?|weeks?|days?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
