using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HeeBot.Retrieval.Search;

/// <summary>
/// Reduces raw user text to plain lower-case words, so nothing a user types can act as query syntax:
/// operators, quotes, brackets, field names and wildcards become spaces, AND/OR/NOT become ordinary words,
/// control characters and unpaired surrogates are dropped. Long input is cut to a bounded number of words.
/// </summary>
internal static partial class QuestionText
{
    /// <summary>More distinct words than any real question has; keeps queries far below Lucene's clause limit.</summary>
    public const int MaxWords = 32;

    /// <summary>Longer "words" are not words; they are cut so fuzzy matching stays cheap.</summary>
    public const int MaxWordLength = 40;

    public static IReadOnlyList<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();

        void Flush()
        {
            // Apostrophes and hyphens only join letters: trim them from the edges.
            var w = word.ToString().Trim('\'', '-');
            word.Clear();
            if (w.Length > MaxWordLength)
            {
                w = w[..MaxWordLength];
            }

            if (w.Length > 0 && words.Count < MaxWords && seen.Add(w))
            {
                words.Add(w);
            }
        }

        foreach (var rune in Normalise(text).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsLetterOrDigit(rune) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                word.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if ((rune.Value is '\'' or '\u2019' or '-') && word.Length > 0)
            {
                word.Append(rune.Value == '-' ? '-' : '\'');
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return words;
    }

    /// <summary>More characters than the model's 256 word pieces ever hold; the tokenizer cuts the rest.</summary>
    public const int MaxModelChars = 2_000;

    /// <summary>
    /// The question as the embedding model reads it: normalised, lower case (the model's tokenizer lower-cases anyway,
    /// and equal questions then share a cache entry), control and format characters as spaces, white space collapsed,
    /// cut to <see cref="MaxModelChars"/>. Empty when nothing readable is left.
    /// </summary>
    public static string ForModel(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(Math.Min(text.Length, MaxModelChars));
        var space = true;
        foreach (var rune in Normalise(text.Length > MaxModelChars * 2 ? text[..(MaxModelChars * 2)] : text).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsWhiteSpace(rune) || category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse)
            {
                if (!space)
                {
                    sb.Append(' ');
                    space = true;
                }
            }
            else if (rune.Value != 0xFFFD)
            {
                sb.Append(Rune.ToLowerInvariant(rune).ToString());
                space = false;
            }

            if (sb.Length >= MaxModelChars)
            {
                break;
            }
        }

        return sb.ToString().Trim();
    }

    /// <summary>
    /// <see cref="ForModel(string?)"/> with the typo corrections of the lexical search applied (whole words, as
    /// <see cref="Words"/> found them), so the model reads "shape of caring review" and not the word pieces of
    /// "shap of carin reviw".
    /// </summary>
    public static string ForModel(string? text, IReadOnlyDictionary<string, string> corrections)
    {
        var model = ForModel(text);
        foreach (var (typo, word) in corrections)
        {
            model = Regex.Replace(model, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(typo)}(?![\p{{L}}\p{{N}}])", word.Replace("$", "$$", StringComparison.Ordinal), RegexOptions.CultureInvariant);
        }

        return model;
    }

    /// <summary>Clauses read besides the whole question at most: the last ones, where a long question usually asks.</summary>
    public const int MaxClauses = 4;

    /// <summary>
    /// The clauses of <paramref name="modelText"/> (a <see cref="ForModel(string?)"/> text) of at least
    /// <paramref name="minWords"/> words, split where a comma, full stop, question mark, colon, semicolon or
    /// exclamation mark ends a word, and at the words "and", "but" and "so"; the last <see cref="MaxClauses"/> of them.
    /// Empty when fewer than two are that long: the whole question is then all there is to read.
    /// </summary>
    public static IReadOnlyList<string> Clauses(string modelText, int minWords)
    {
        if (minWords <= 0 || string.IsNullOrEmpty(modelText))
        {
            return [];
        }

        var clauses = ClauseBreak().Split(modelText)
            .Select(c => c.Trim())
            .Where(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= minWords)
            .ToList();
        return clauses.Count < 2 ? [] : clauses[Math.Max(0, clauses.Count - MaxClauses)..];
    }

    [GeneratedRegex(@"[,;:?.!]+(?=\s|$)|\s(?:and|but|so)\s", RegexOptions.CultureInvariant)]
    private static partial Regex ClauseBreak();

    private static string Normalise(string text)
    {
        // Unpaired surrogates make Normalize throw; replace them first.
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            sb.Append(rune.ToString());
        }

        var clean = sb.ToString();
        return clean.IsNormalized(NormalizationForm.FormKC) ? clean : clean.Normalize(NormalizationForm.FormKC);
    }
}
