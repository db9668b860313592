using HeeBot.Retrieval.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace HeeBot.Retrieval.Search;

/// <summary>
/// Finds the index word a misspelt word was meant to be, from the unstemmed vocabulary of the index.
/// Only words the index does not know are corrected, so a correction never competes with an exact match.
/// Edits allowed follow the usual rule: none below 5 letters, 1 up to 7, 2 from 8; the first letter must match.
/// </summary>
internal static class TypoCorrector
{
    private const int MinLength = 5;

    /// <summary>
    /// One correction at a time. Under concurrent first use, Lucene.Net's attribute registration behind
    /// FuzzyTermsEnum failed twice with "an item with the same key has already been added" (BoostAttribute) in the
    /// soak's first seconds. Corrections run only for words the index does not know and are cached per index, so
    /// taking turns here costs nothing once warm.
    /// </summary>
    private static readonly Lock Gate = new();

    /// <param name="passagesWith">How many passages have a term (the index's document frequency in the all field).</param>
    public static string? Correct(string word, IndexReader reader, PassageAnalyzer analyzer, Func<string, int> passagesWith)
    {
        if (word.Length < MinLength || word.Any(char.IsDigit))
        {
            return null;
        }

        var terms = MultiFields.GetTerms(reader, LuceneSettings.FieldNames.Exact);
        if (terms is null)
        {
            return null;
        }

        lock (Gate)
        {
            return Closest(word, analyzer, terms, passagesWith);
        }
    }

    private static string? Closest(string word, PassageAnalyzer analyzer, Terms terms, Func<string, int> passagesWith)
    {
        var maxEdits = word.Length >= 8 ? 2 : 1;
        var candidates = new FuzzyTermsEnum(terms, new AttributeSource(), new Term(LuceneSettings.FieldNames.Exact, word), maxEdits, prefixLength: 1, transpositions: true);
        var similarity = candidates.Attributes.AddAttribute<IBoostAttribute>();

        // The closest word wins; between equally close words, the one in more passages (by its commonest term).
        string? best = null;
        (float Similarity, int Passages) bestRank = default;
        while (candidates.MoveNext())
        {
            if (best is not null && similarity.Boost < bestRank.Similarity)
            {
                continue;
            }

            var candidate = candidates.Term.Utf8ToString();
            // A stop word, or a word that only exists unanalyzed, is no help to the search: it is in no passage's terms.
            var passages = analyzer.Terms(candidate).Select(passagesWith).DefaultIfEmpty().Max();
            var rank = (similarity.Boost, passages);
            if (passages > 0 && (best is null || rank.CompareTo(bestRank) > 0))
            {
                best = candidate;
                bestRank = rank;
            }
        }

        return best;
    }
}
