using System.Text.RegularExpressions;

namespace HeeBot.Retrieval.Search;

/// <summary>
/// The kind of fact a question asks for, where it asks for one a passage can be checked for: a number ("how many",
/// "how much", a budget), a date or time ("when", "what year", a deadline), contact details (a phone number, an
/// email or web address, a head office) or the holder of a post ("who is the chief executive"). A passage with no number cannot say how many; one with no year cannot say when. This is
/// the answer-type check of classic question answering, applied to the decision only: such a passage's confidence is
/// lowered (<see cref="FusionSettings.MissingFactPenalty"/>), so "how many nurses did the review interview?" is
/// declined rather than answered with the review's description.
/// </summary>
internal static partial class AnswerKind
{
    public enum Fact
    {
        None,
        Number,
        Date,
        Contact,
        Person,
    }

    public static Fact Of(string question) =>
        NumberQuestion().IsMatch(question) ? Fact.Number
        : DateQuestion().IsMatch(question) ? Fact.Date
        : ContactQuestion().IsMatch(question) ? Fact.Contact
        : PersonQuestion().IsMatch(question) ? Fact.Person
        : Fact.None;

    /// <summary>Whether <paramref name="passage"/> holds a fact of the kind asked for.</summary>
    public static bool Holds(Fact fact, string passage) => fact switch
    {
        Fact.Number => Number().IsMatch(passage),
        Fact.Date => DateText().IsMatch(passage),
        Fact.Contact => ContactText().IsMatch(passage),
        Fact.Person => PersonText().IsMatch(passage),
        _ => true,
    };

    [GeneratedRegex(@"\b(how (many|much)|what (percentage|proportion)|number of|budget|salary|salaries)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberQuestion();

    [GeneratedRegex(@"\b(when|what (year|date|time)|which year|how old|dates?|deadlines?|opening hours)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateQuestion();

    [GeneratedRegex(@"\b(phone|telephone|e-?mail|contact details|(postal|office|web) address|address of|website|url|head office|headquarters)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContactQuestion();

    [GeneratedRegex(@"\bwho\b.*\b(chief executive|ceo|chair|chairman|chairwoman|chairperson|director|head|boss|leader|president|founder|minister|secretary)\b|\b(name of|called)\b.*\b(chief executive|ceo|chair|director|head|boss|leader)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PersonQuestion();

    [GeneratedRegex(@"\b(chief executive|ceo|chair(man|woman|person)?|director|led by|headed by|founded by|professor|dr|sir|dame)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PersonText();

    [GeneratedRegex(@"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half|quarter)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"\b(1[89]\d\d|20\d\d)\b|\b(january|february|march|april|may|june|july|august|september|october|november|december)\b|\b\d{1,2}(:\d\d)?\s?(am|pm)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateText();

    [GeneratedRegex(@"@|https?://|www\.|\b\d{3,5}[\s-]?\d{3}[\s-]?\d{3,4}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContactText();
}
