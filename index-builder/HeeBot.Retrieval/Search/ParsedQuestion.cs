using System.Globalization;
using Lucene.Net.QueryParsers.Classic;

namespace HeeBot.Retrieval.Search;

/// <summary>
/// A plain question read against one index: its words, the typo corrections of words the index does not
/// know, its analyzed terms with their weights, and the text handed to the query parser.
/// </summary>
internal sealed class ParsedQuestion
{
    private ParsedQuestion(string parserText, IReadOnlyList<QuestionTerm> terms, IReadOnlyDictionary<string, string> corrections)
    {
        ParserText = parserText;
        Terms = terms;
        Corrections = corrections;
    }

    /// <summary>
    /// Query-parser input. The words as typed are one escaped chunk, so the analyzer sees them together and
    /// multi-word synonyms ("health education england") apply; each corrected word follows as its own
    /// down-weighted term. Every word is plain lower-case text, so nothing in it is an operator.
    /// </summary>
    public string ParserText { get; }

    /// <summary>Distinct analyzed terms; empty when the question has only stop words.</summary>
    public IReadOnlyList<QuestionTerm> Terms { get; }

    public IReadOnlyDictionary<string, string> Corrections { get; }

    public static ParsedQuestion Read(string question, IndexVocabulary vocabulary)
    {
        var typed = new List<string>();
        var corrections = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in QuestionText.Words(question))
        {
            if (vocabulary.Lookup(word).Correction is { } correction)
            {
                corrections[word] = correction;
            }
            else
            {
                typed.Add(word);
            }
        }

        var terms = new Dictionary<string, QuestionTerm>(StringComparer.Ordinal);
        void AddTerms(IEnumerable<string> analyzed, bool corrected)
        {
            foreach (var term in analyzed)
            {
                var docFreq = vocabulary.DocFreq(term);
                terms.TryAdd(term, new QuestionTerm(term, corrected, Idf(Math.Max(docFreq, LuceneSettings.UnknownTermDocFreq), vocabulary.Passages)));
            }
        }

        // The typed words together (multi-word synonyms apply across them), then each correction.
        AddTerms(typed.Count == 0 ? [] : vocabulary.Analyze(string.Join(' ', typed)), corrected: false);
        foreach (var correction in corrections.Values)
        {
            AddTerms(vocabulary.Lookup(correction).Terms, corrected: true);
        }

        var chunk = string.Join("\\ ", typed.Select(QueryParserBase.Escape));
        var boost = string.Create(CultureInfo.InvariantCulture, $"^{LuceneSettings.CorrectedWordBoost}");
        var parserText = string.Join(' ', corrections.Values.Select(c => QueryParserBase.Escape(c) + boost).Prepend(chunk).Where(s => s.Length > 0));
        return new ParsedQuestion(parserText, [.. terms.Values], corrections);
    }

    private static double Idf(int docFreq, int passages) => Math.Log(1 + ((passages - docFreq + 0.5) / (docFreq + 0.5)));
}
