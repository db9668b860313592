using Lucene.Net.Search;

namespace HeeBot.Retrieval.Search;

/// <summary>
/// A plain question read against one index: its words, the typo corrections of words the index does not
/// know, its analyzed terms with their weights, and the Lucene query for them.
/// </summary>
internal sealed class ParsedQuestion
{
    private ParsedQuestion(IReadOnlyList<QuestionTerm> terms, IReadOnlyDictionary<string, string> corrections, Query query, bool hasWords)
    {
        HasWords = hasWords;
        Terms = terms;
        Corrections = corrections;
        Query = query;
    }

    /// <summary>Distinct analyzed terms; empty when the question has only stop words.</summary>
    public IReadOnlyList<QuestionTerm> Terms { get; }

    public IReadOnlyDictionary<string, string> Corrections { get; }

    /// <summary>Whether the question has any word at all (stop words included); punctuation or emoji alone has none.</summary>
    public bool HasWords { get; }

    /// <summary>
    /// Any of the terms in any searched field: one clause per field that has the term, weighted by the field's
    /// boost (and down-weighted for a corrected word). Built from terms, not text, so nothing a user types is
    /// query syntax; clauses that cannot match are left out, which leaves BM25 scores unchanged (its coordination
    /// factor and query norm are both 1) and spares Lucene a term lookup per field.
    /// </summary>
    public Query Query { get; }

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

        return new ParsedQuestion([.. terms.Values], corrections, ToQuery(terms.Values, vocabulary), typed.Count + corrections.Count > 0);
    }

    private static BooleanQuery ToQuery(IEnumerable<QuestionTerm> terms, IndexVocabulary vocabulary)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach (var term in terms)
        {
            foreach (var (field, boost) in LuceneSettings.SearchedFields)
            {
                if (vocabulary.Context(field, term.Term) is { DocFreq: > 0 } context)
                {
                    var weight = term.Corrected ? boost * LuceneSettings.CorrectedWordBoost : boost;
                    query.Add(new TermQuery(context.Term, context.States) { Boost = weight }, Occur.SHOULD);
                }
            }
        }

        return query;
    }

    private static double Idf(int docFreq, int passages) => Math.Log(1 + ((passages - docFreq + 0.5) / (docFreq + 0.5)));
}
