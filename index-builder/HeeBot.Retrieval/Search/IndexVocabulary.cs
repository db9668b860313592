using System.Runtime.CompilerServices;
using HeeBot.Retrieval.Analysis;
using Lucene.Net.Index;

namespace HeeBot.Retrieval.Search;

/// <summary>
/// What one index reader knows that does not change while it is open, computed once and kept: each question
/// word's analyzed terms, whether the index knows it and its typo correction; each term's document frequency
/// and, per searched field, where it is in the index (Lucene's term states, so a query needs no term lookups);
/// each passage's stored fields and terms. Bounded: a cache that grows past its limit starts again.
/// </summary>
internal sealed class IndexVocabulary
{
    private const int MaxWords = 50_000;
    private const int MaxPassages = 50_000;
    private const int MaxResults = 10_000;

    /// <summary>Characters of a question whose result is kept at most: as many as the model reads.</summary>
    public const int MaxRememberedQuestionLength = QuestionText.MaxModelChars;

    private static readonly ConditionalWeakTable<IndexReader, IndexVocabulary> PerReader = [];

    private readonly IndexReader reader;
    private readonly PassageAnalyzer analyzer;
    private readonly BoundedCache<string, Word> words = new(MaxWords, StringComparer.Ordinal);
    private readonly BoundedCache<string, int> docFreqs = new(MaxWords, StringComparer.Ordinal);
    private readonly BoundedCache<(string, string), FieldTerm> fieldTerms = new(MaxWords);
    private readonly BoundedCache<int, StoredPassage> passages = new(MaxPassages);
    private readonly BoundedCache<(string, int), IReadOnlyList<RelatedSection>> related = new(MaxPassages);
    private readonly BoundedCache<(string, SearchOptions), SearchResult> results = new(MaxResults);
    private readonly BoundedCache<string, bool> names = new(MaxWords, StringComparer.Ordinal);

    private IndexVocabulary(IndexReader reader, PassageAnalyzer analyzer)
    {
        this.reader = reader;
        this.analyzer = analyzer;
    }

    public int Passages => Math.Max(reader.NumDocs, 1);

    public static IndexVocabulary For(IndexReader reader, PassageAnalyzer analyzer) => PerReader.GetValue(reader, r => new IndexVocabulary(r, analyzer));

    /// <summary>A question word: its terms, and the index word it was meant to be when the index does not know it.</summary>
    public Word Lookup(string word) =>
        words.GetOrAdd(word, w =>
        {
            var terms = analyzer.Terms(w);
            var unknown = terms.Count > 0
                && reader.DocFreq(new Term(LuceneSettings.FieldNames.Exact, w)) == 0
                && terms.All(t => DocFreq(t) == 0);
            return new Word(terms, unknown ? TypoCorrector.Correct(w, reader, analyzer, DocFreq) : null);
        });

    public int DocFreq(string term) => docFreqs.GetOrAdd(term, t => reader.DocFreq(new Term(LuceneSettings.FieldNames.All, t)));

    /// <summary>A term of one field, looked up in every segment once; <see cref="FieldTerm.DocFreq"/> is 0 where the field lacks it.</summary>
    public FieldTerm Context(string field, string term) =>
        fieldTerms.GetOrAdd((field, term), key =>
        {
            var t = new Term(key.Item1, key.Item2);
            return new FieldTerm(t, TermContext.Build(reader.Context, t));
        });

    /// <summary>Whether some passage mentions a name (<see cref="QuestionNames"/>), looked up once.</summary>
    public bool Mentions(string name, Func<string, bool> find) => names.GetOrAdd(name, find);

    /// <summary>The related sections of a passage, found once.</summary>
    public IReadOnlyList<RelatedSection> Related(string passageId, int count, Func<IReadOnlyList<RelatedSection>> find) =>
        related.GetOrAdd((passageId, count), _ => find());

    /// <summary>
    /// The result of a plain question asked before with the same options, from this index: a result depends on nothing
    /// else, so a question asked again (most are) costs a lookup. A new index has a new cache.
    /// </summary>
    public bool TryGetResult(string question, SearchOptions options, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SearchResult? result) =>
        results.TryGetValue((question, options), out result);

    /// <summary>
    /// Keeps what <see cref="TryGetResult"/> gives; a cache that reaches its limit starts again. A question longer than
    /// <see cref="MaxRememberedQuestionLength"/> is not kept: nobody asks it twice, and 10,000 of them would hold gigabytes.
    /// </summary>
    public void Remember(string question, SearchOptions options, SearchResult result)
    {
        if (question.Length <= MaxRememberedQuestionLength)
        {
            results.Add((question, options), result);
        }
    }

    /// <summary>The analyzed terms of a phrase (not cached: phrases rarely repeat).</summary>
    public IReadOnlyList<string> Analyze(string text) => analyzer.Terms(text);

    /// <summary>A passage's stored fields and its analyzed terms.</summary>
    public StoredPassage Passage(int doc) =>
        passages.GetOrAdd(doc, d =>
        {
            var stored = reader.Document(d);
            var terms = new HashSet<string>(stored.Get(LuceneSettings.FieldNames.All)?.Split(' ') ?? [], StringComparer.Ordinal);

            return new StoredPassage(
                stored.Get(LuceneSettings.FieldNames.Id),
                stored.Get(LuceneSettings.FieldNames.Heading),
                stored.Get(LuceneSettings.FieldNames.Body),
                stored.Get(LuceneSettings.FieldNames.Source),
                stored.GetValues(LuceneSettings.FieldNames.HeadingPath),
                stored.Get(LuceneSettings.FieldNames.DocumentId),
                stored.Get(LuceneSettings.FieldNames.DocumentTitle),
                terms);
        });

    /// <param name="States">Where the term is in each segment; read-only once built, so queries share it.</param>
    internal sealed record FieldTerm(Term Term, TermContext States)
    {
        public int DocFreq => States.DocFreq;
    }

    /// <param name="Correction">For a word the index does not know, the index word it most likely was; else null.</param>
    internal sealed record Word(IReadOnlyList<string> Terms, string? Correction);

    internal sealed record StoredPassage(
        string Id, string Title, string Text, string Source, string[] HeadingPath, string DocumentId, string DocumentTitle, IReadOnlySet<string> Terms)
    {
        private readonly int[] holds = new int[Enum.GetValues<AnswerKind.Fact>().Length]; // per kind of fact: 0 not checked yet, 1 no, 2 yes (an int is written whole)

        /// <summary><see cref="AnswerKind.Holds"/> for this passage's text, checked once per kind of fact.</summary>
        public bool Holds(AnswerKind.Fact fact)
        {
            ref var known = ref holds[(int)fact];
            if (known == 0)
            {
                known = AnswerKind.Holds(fact, Text) ? 2 : 1;
            }

            return known == 2;
        }
    }
}
