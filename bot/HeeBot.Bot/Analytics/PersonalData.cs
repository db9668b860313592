using System.Buffers;
using System.Text.RegularExpressions;

namespace HeeBot.Bot.Analytics;

/// <summary>
/// Personal details removed from a question before it is logged: email addresses, UK phone numbers, NHS numbers (ten
/// digits whose check digit is right), National Insurance numbers, postcodes, and any other run of eight or more digits.
/// Each becomes a marker such as <c>[email]</c>, so the editors still see what kind of question it was.
/// </summary>
internal static partial class PersonalData
{
    public static string Scrub(string text)
    {
        // Every pattern needs an '@' or a digit (\d: any Unicode decimal digit); most questions have neither and need no pass of any.
        if (!text.AsSpan().ContainsAny(MayBePersonal))
        {
            return text;
        }

        text = Email().Replace(text, "[email]");
        text = NhsNumber().Replace(text, m => IsNhsNumber(m.Value) ? "[NHS number]" : m.Value);
        text = Phone().Replace(text, "[phone]");
        text = NationalInsurance().Replace(text, "[NI number]");
        text = Postcode().Replace(text, "[postcode]");
        return LongNumber().Replace(text, "[number]");
    }

    /// <summary>The characters one of the patterns below needs: '@' for an email address, a decimal digit for the rest.</summary>
    private static readonly SearchValues<char> MayBePersonal = SearchValues.Create(
        [.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => c == '@' || char.IsDigit(c))]);

    /// <summary>The NHS number check: weights 10 down to 2 on the first nine digits, 11 minus the sum mod 11 is the tenth.</summary>
    private static bool IsNhsNumber(string text)
    {
        var digits = text.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length != 10)
        {
            return false;
        }

        var check = 11 - (digits.Take(9).Select((d, i) => d * (10 - i)).Sum() % 11);
        return (check == 11 ? 0 : check) == digits[9] && check != 10;
    }

    [GeneratedRegex(@"[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex NhsNumber();

    // +44 or 0, then 9 or 10 more digits in the usual groupings.
    [GeneratedRegex(@"(?<!\w)(\+44\s?\(?0?\)?\s?|0)(\d[\s-]?){9,10}(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NationalInsurance();

    [GeneratedRegex(@"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Postcode();

    [GeneratedRegex(@"(?<!\w)\d(?:[\s-]?\d){7,}(?!\w)", RegexOptions.CultureInvariant)] // a number of its own, not digits inside an id
    private static partial Regex LongNumber();
}
