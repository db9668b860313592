using HeeBot.Retrieval.Analysis;
using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Knowledge;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;

namespace HeeBot.Retrieval.Search;

/// <summary>
/// Answers questions from a passage index with ranked passages, a confidence for each and an
/// answered/declined decision. Thread-safe; open one per index and share it.
/// </summary>
/// <remarks>
/// Plain questions are reduced to words (<see cref="QuestionText"/>), unknown words are typo-corrected
/// against the index vocabulary, and the analyzed words are searched in the heading, questions and body
/// fields with BM25 (<see cref="ParsedQuestion.Query"/>); Lucene syntax goes to a <see cref="MultiFieldQueryParser"/>.
/// Confidence is query-normalised, since BM25 scores are not: the share of the question's weight (inverse
/// document frequency of each word, unknown words weighing most) that a passage contains. Opened with a
/// <see cref="QuestionEncoder"/>, the lexical ranking is fused with the embedding similarity of the question and the
/// passages (<c>PassageSearcher.Hybrid.cs</c>).
/// </remarks>
public sealed partial class PassageSearcher : IDisposable
{
    private static readonly Dictionary<string, float> FieldBoosts = LuceneSettings.SearchedFields.ToDictionary(f => f.Field, f => f.Boost);

    private static readonly string[] SearchFields = [.. LuceneSettings.SearchedFields.Select(f => f.Field)];

    private readonly Lucene.Net.Store.Directory directory;
    private readonly SearcherManager searchers;
    private readonly PassageAnalyzer analyzer;
    private readonly Lazy<List<string>> sections;
    private readonly QuestionEncoder? encoder;
    private readonly PassageVectors? vectors;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ArticleInfo> articles;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, TextToken[]> textTokens = [];

    private PassageSearcher(
        Lucene.Net.Store.Directory directory, SearcherManager searchers, PassageAnalyzer analyzer, IndexInfo info, QuestionEncoder? encoder, PassageVectors? vectors)
    {
        this.directory = directory;
        this.searchers = searchers;
        this.analyzer = analyzer;
        this.encoder = encoder;
        this.vectors = vectors;
        Info = info;
        articles = new(info.Articles.ToDictionary(a => a.Id, StringComparer.Ordinal), StringComparer.Ordinal);
        sections = new Lazy<List<string>>(ReadSections);
    }

    public IndexInfo Info { get; }

    /// <summary>Whether questions can be fused with the embedding model: opened with one, on an index with its vectors.</summary>
    public bool Semantic => vectors is not null;

    /// <summary>
    /// Ranks passages for <paramref name="question"/> and decides whether it is answered. Never throws for plain text,
    /// whatever it contains. Completes synchronously unless the question's vector has to come from the model.
    /// </summary>
    /// <exception cref="QuerySyntaxException">Only with <see cref="QuerySyntax.Lucene"/>: the query cannot be parsed or run.</exception>
    public async ValueTask<SearchResult> SearchAsync(string? question, SearchOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= SearchOptions.Default;
        var query = question ?? string.Empty;
        var top = Math.Clamp(options.Top, 1, SearchOptions.MaxTop);
        var searcher = searchers.Acquire();
        try
        {
            if (options.Syntax == QuerySyntax.Lucene)
            {
                return Counted(SearchLucene(searcher, query, top, options.ThresholdFor(SearchPath.Lexical)));
            }

            var vocabulary = IndexVocabulary.For(searcher.IndexReader, analyzer);
            if (vocabulary.TryGetResult(query, options, out var known))
            {
                return Counted(known);
            }

            var lexical = RankLexically(searcher, query, Math.Max(top, LuceneSettings.RerankDepth));
            var result = await DecideAsync(searcher, lexical, top, options, cancellationToken).ConfigureAwait(false);
            vocabulary.Remember(query, options, result with { Path = SearchPath.CachedResult });
            return Counted(result);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>
    /// <see cref="SearchAsync"/> for callers with no asynchronous context (tests, benchmarks). It blocks only while a
    /// question's vector is computed, which the in-process model does synchronously anyway.
    /// </summary>
    public SearchResult Search(string? question, SearchOptions? options = null)
    {
        var pending = SearchAsync(question, options);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Where <paramref name="text"/> contains words of <paramref name="question"/>, as the index reads both (stems,
    /// synonyms): character ranges, in order, for emphasising matched words in an answer.
    /// </summary>
    public IReadOnlyList<(int Start, int Length)> Highlights(string? question, string text)
    {
        var searcher = searchers.Acquire();
        HashSet<string> wanted;
        try
        {
            // The question's words as the body field reads them, from the index's cache of words.
            var vocabulary = IndexVocabulary.For(searcher.IndexReader, analyzer);
            wanted = new HashSet<string>(QuestionText.Words(question).SelectMany(w => vocabulary.Lookup(w).Terms), StringComparer.Ordinal);
        }
        finally
        {
            searchers.Release(searcher);
        }

        var ranges = new List<(int Start, int Length)>();
        if (wanted.Count == 0)
        {
            return ranges;
        }

        foreach (var token in textTokens.GetValue(text, Tokenize))
        {
            if (wanted.Contains(token.Term) && (ranges.Count == 0 || token.Start >= ranges[^1].Start + ranges[^1].Length))
            {
                ranges.Add((token.Start, token.Length));
            }
        }

        return ranges;
    }

    /// <summary>
    /// A text's terms with their places, as the body field analyzes it. Kept with the text itself (a passage's text is one
    /// string for the life of its index reader), so a passage is analyzed once, not on every answer, and forgotten with it.
    /// </summary>
    private TextToken[] Tokenize(string text)
    {
        var tokens = new List<TextToken>();
        using var stream = analyzer.GetTokenStream(LuceneSettings.FieldNames.Body, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var offset = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(new TextToken(term.ToString(), offset.StartOffset, offset.EndOffset - offset.StartOffset));
        }

        stream.End();
        return [.. tokens];
    }

    private readonly record struct TextToken(string Term, int Start, int Length);

    /// <summary>The sections the index can answer about: each passage's innermost heading, in index order, once.</summary>
    public IReadOnlyList<string> Sections() => sections.Value;

    private List<string> ReadSections()
    {
        var searcher = searchers.Acquire();
        try
        {
            var reader = searcher.IndexReader;
            var found = new List<string>();
            for (var i = 0; i < reader.MaxDoc; i++)
            {
                var path = reader.Document(i).GetValues(LuceneSettings.FieldNames.HeadingPath);
                if (path.Length > 1 || (path.Length == 1 && path[0] != reader.Document(i).Get(LuceneSettings.FieldNames.DocumentTitle)))
                {
                    found.Add(path[^1]);
                }
            }

            return found.Distinct().ToList();
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        searchers.Dispose();
        analyzer.Dispose();
        directory.Dispose();
    }

    /// <summary>
    /// The lexical candidates, best first: BM25 times coverage, coverage being the share of the question's weight a
    /// passage holds. BM25 in Lucene 4.8 has no coordination factor, so a passage matching one common word in a short
    /// heading could outscore one that matches most of the question; weighting by coverage puts that back.
    /// </summary>
    private LexicalRanking RankLexically(IndexSearcher searcher, string question, int depth)
    {
        var vocabulary = IndexVocabulary.For(searcher.IndexReader, analyzer);
        var parsed = ParsedQuestion.Read(question, vocabulary);
        if (parsed.Terms.Count == 0)
        {
            return new LexicalRanking(question, [], parsed.Corrections, parsed.HasWords);
        }

        var candidates = TopDocs(searcher, parsed.Query, depth)
            .Select(d => (Doc: d, Coverage: Coverage(parsed.Terms, vocabulary.Passage(d.Doc).Terms)))
            .Select(c => new LexicalCandidate(c.Doc.Doc, c.Doc.Score * Math.Pow(c.Coverage, LuceneSettings.CoveragePower), c.Coverage))
            .Where(c => c.Score > 0)
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Doc)
            .ToList();
        return new LexicalRanking(question, candidates, parsed.Corrections, parsed.HasWords);
    }

    /// <summary>The lexical answer: confidence falls with rank, so a passage ranked lower never looks surer than the one above it.</summary>
    private SearchResult LexicalResult(IndexSearcher searcher, LexicalRanking ranking, int top, SearchOptions options, SearchPath path)
    {
        var threshold = options.ThresholdFor(path);
        var hits = new List<SearchHit>(Math.Min(top, ranking.Candidates.Count));
        var ceiling = 1.0;
        foreach (var c in ranking.Candidates.Take(top))
        {
            ceiling = Math.Min(ceiling, ranking.Confidence(c));
            hits.Add(ToHit(searcher, c.Doc, hits.Count + 1, c.Score, ceiling));
        }

        return new SearchResult(ranking.Question, hits.Count > 0 && hits[0].Confidence >= threshold, hits) { Corrections = ranking.Corrections, Path = path };
    }

    private SearchResult SearchLucene(IndexSearcher searcher, string question, int top, double threshold)
    {
        var parser = new MultiFieldQueryParser(LuceneSettings.Version, SearchFields, analyzer, FieldBoosts) { DefaultOperator = Operator.OR };
        ScoreDoc[] docs;
        try
        {
            docs = TopDocs(searcher, parser.Parse(question), top);
        }
        catch (ParseException e)
        {
            throw new QuerySyntaxException($"cannot parse the query: {FirstLine(e.Message)}", e);
        }
        catch (BooleanQuery.TooManyClausesException e)
        {
            throw new QuerySyntaxException("the query expands to too many terms; make wildcards and fuzzy terms more specific", e);
        }
        catch (ArgumentException e)
        {
            // Lucene reports a malformed /regular expression/ this way, from the parser or the query.
            throw new QuerySyntaxException($"cannot parse the query: {FirstLine(e.Message)}", e);
        }

        // Without plain words there is no question weight to cover: confidence is the score relative to the best.
        var hits = docs.Select((d, i) => ToHit(searcher, d.Doc, i + 1, d.Score, d.Score / docs[0].Score)).ToList();
        return new SearchResult(question, hits.Count > 0 && hits[0].Confidence >= threshold, hits);
    }

    /// <summary>
    /// The best <paramref name="count"/> documents. On a small index they are collected in document order, which
    /// makes Lucene 4.8 score a disjunction with BooleanScorer2 instead of BooleanScorer, whose 2048-bucket table
    /// per query is pure overhead there (HEE: 14 against 32 microseconds); on a large one BooleanScorer's
    /// bucket-at-a-time walk over long postings wins (100,000 passages: 406 against 526 microseconds).
    /// </summary>
    private static ScoreDoc[] TopDocs(IndexSearcher searcher, Query query, int count)
    {
        var inOrder = searcher.IndexReader.MaxDoc <= LuceneSettings.InOrderScoringMaxPassages;
        var collector = TopScoreDocCollector.Create(count, docsScoredInOrder: inOrder);
        searcher.Search(query, collector);
        return collector.GetTopDocs().ScoreDocs;
    }

    /// <summary>The share of the question's weight found in a passage's terms; corrected words count in part.</summary>
    private static double Coverage(IReadOnlyList<QuestionTerm> terms, IReadOnlySet<string> passageTerms)
    {
        double found = 0, total = 0;
        foreach (var term in terms)
        {
            total += term.Weight;
            if (passageTerms.Contains(term.Term))
            {
                found += term.Corrected ? term.Weight * LuceneSettings.CorrectedWordBoost : term.Weight;
            }
        }

        return total > 0 ? found / total : 0;
    }

    private SearchHit ToHit(IndexSearcher searcher, int docId, int rank, double score, double confidence)
    {
        var passage = IndexVocabulary.For(searcher.IndexReader, analyzer).Passage(docId);
        return new SearchHit(
            rank,
            passage.Id,
            passage.Title,
            passage.Text,
            passage.Source,
            Math.Round(score, 4),
            Math.Round(Math.Clamp(confidence, 0, 1), 3))
        {
            HeadingPath = passage.HeadingPath,
            Article = ArticleOf(passage),
        };
    }

    /// <summary>The article a passage comes from: with its provenance when its front matter gave one, else its title and file.</summary>
    private ArticleInfo ArticleOf(IndexVocabulary.StoredPassage passage) =>
        articles.TryGetValue(passage.DocumentId, out var article)
            ? article
            : articles.GetOrAdd(passage.DocumentId, id => new ArticleInfo(id, passage.DocumentTitle, passage.Source.Split('#')[0]));

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
