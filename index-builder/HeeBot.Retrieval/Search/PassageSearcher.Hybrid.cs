using System.Diagnostics.Metrics;
using HeeBot.Retrieval.Embeddings;
using Lucene.Net.Search;

namespace HeeBot.Retrieval.Search;

/// <summary>
/// The answer/decline decision, lexical or fused. Hybrid: the question's vector (from the cache, else the model) is
/// compared with every passage vector; the lexical candidates and the passages nearest in meaning are scored with
/// <see cref="FusionSettings.Fuse"/>, ranked by that one confidence and answered when the best reaches the threshold.
/// A lexical answer that is already certain (<see cref="FusionSettings.FastPathConfidence"/>) skips the model.
/// </summary>
public sealed partial class PassageSearcher
{
    /// <summary>The meter of searches by path (<c>heebot.retrieval.searches</c>, tagged <c>path</c>), for dotnet-counters.</summary>
    public const string MeterName = "HeeBot.Retrieval";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Searches = Meter.CreateCounter<long>("heebot.retrieval.searches", description: "Plain-text and Lucene searches, by the path they took");

    private async ValueTask<SearchResult> DecideAsync(IndexSearcher searcher, LexicalRanking lexical, int top, SearchOptions options, CancellationToken cancellationToken)
    {
        if (options.Mode == RetrievalMode.Lexical || vectors is null || encoder is null || !lexical.HasWords)
        {
            return LexicalResult(searcher, lexical, top, options, SearchPath.Lexical);
        }

        var fact = AnswerKind.Of(lexical.Question);
        var unknownName = QuestionNames.Of(lexical.Question).Any(name => !Mentions(searcher, name));
        if (fact == AnswerKind.Fact.None && !unknownName && lexical.Candidates.Count > 0 && lexical.Confidence(lexical.Candidates[0]) >= options.Fusion.FastPathConfidence)
        {
            return LexicalResult(searcher, lexical, top, options, SearchPath.FastPath);
        }

        // The whole question and its clauses, queued for the model at once: its runners take them together or side by side.
        var text = QuestionText.ForModel(lexical.Question, lexical.Corrections);
        string[] texts = [text, .. QuestionText.Clauses(text, options.Fusion.ClauseWords)];
        var path = SearchPath.CachedQuestion;
        var questions = new float[texts.Length][];
        var encoding = new Task<float[]>?[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            if (!encoder.TryGetCached(texts[i], out questions[i]))
            {
                encoding[i] = encoder.EncodeAsync(texts[i], cancellationToken).AsTask();
                path = SearchPath.EmbeddedQuestion;
            }
        }

        for (var i = 0; i < texts.Length; i++)
        {
            if (encoding[i] is { } vector)
            {
                questions[i] = await vector.ConfigureAwait(false);
            }
        }

        return Fuse(searcher, lexical, questions, (fact, unknownName), top, options, path);
    }

    /// <summary>Whether a passage's heading, text or alternate questions has <paramref name="name"/>'s words in a row (stemmed, one word of slack).</summary>
    private bool Mentions(IndexSearcher searcher, string name) =>
        IndexVocabulary.For(searcher.IndexReader, analyzer).Mentions(name, n =>
        {
            var builder = new Lucene.Net.Util.QueryBuilder(analyzer);
            return NameFields.Any(field => builder.CreatePhraseQuery(field, n, 1) is { } query && searcher.Search(query, 1).TotalHits > 0);
        });

    private static readonly string[] NameFields = [LuceneSettings.FieldNames.Heading, LuceneSettings.FieldNames.Body, LuceneSettings.FieldNames.Questions];

    /// <param name="questions">The vectors of the whole question and of each of its clauses read on its own.</param>
    /// <param name="asked">The kind of fact the question asks for, and whether it names something no passage mentions.</param>
    private SearchResult Fuse(IndexSearcher searcher, LexicalRanking lexical, float[][] questions, (AnswerKind.Fact Fact, bool UnknownName) asked, int top, SearchOptions options, SearchPath path)
    {
        var fact = asked.Fact;
        var vocabulary = IndexVocabulary.For(searcher.IndexReader, analyzer);
        var cosines = vectors!.BestCosines(questions);
        try
        {
            var lexicalByDoc = lexical.Candidates.ToDictionary(c => c.Doc);
            var docs = new HashSet<int>(lexicalByDoc.Keys);
            docs.UnionWith(Nearest(cosines, vectors.MaxDoc, options.Fusion.DenseCandidates));
            var ranked = docs
                .Select(doc =>
                {
                    var found = lexicalByDoc.TryGetValue(doc, out var candidate);
                    var confidence = options.Fusion.Fuse(found ? lexical.Confidence(candidate!) : 0, Math.Max(cosines[doc], 0));
                    if (!vocabulary.Passage(doc).Holds(fact))
                    {
                        confidence *= options.Fusion.MissingFactPenalty;
                    }

                    if (asked.UnknownName)
                    {
                        confidence *= options.Fusion.UnknownNamePenalty;
                    }

                    return (Doc: doc, Score: found ? candidate!.Score : 0, Confidence: confidence);
                })
                .OrderByDescending(c => c.Confidence)
                .ThenBy(c => c.Doc)
                .Take(top)
                .Select((c, i) => ToHit(searcher, c.Doc, i + 1, c.Score, c.Confidence))
                .ToList();
            return new SearchResult(lexical.Question, ranked.Count > 0 && ranked[0].Confidence >= options.ThresholdFor(path), ranked)
            {
                Corrections = lexical.Corrections,
                Path = path,
                Clauses = questions.Length - 1,
            };
        }
        finally
        {
            PassageVectors.ReturnScores(cosines);
        }
    }

    /// <summary>The <paramref name="count"/> documents with the highest cosines, in no order.</summary>
    private static IEnumerable<int> Nearest(float[] cosines, int maxDoc, int count)
    {
        var nearest = new PriorityQueue<int, float>(count + 1);
        for (var doc = 0; doc < maxDoc; doc++)
        {
            if (cosines[doc] < 0)
            {
                continue;
            }

            if (nearest.Count < count)
            {
                nearest.Enqueue(doc, cosines[doc]);
            }
            else if (cosines[doc] > cosines[nearest.Peek()])
            {
                nearest.EnqueueDequeue(doc, cosines[doc]);
            }
        }

        return nearest.UnorderedItems.Select(i => i.Element).ToList();
    }

    private static SearchResult Counted(SearchResult result)
    {
        Searches.Add(1, new KeyValuePair<string, object?>("path", result.Path.ToString()));
        return result;
    }

    /// <summary>A passage found by words: its document, BM25 times coverage², and its coverage of the question's weight.</summary>
    private sealed record LexicalCandidate(int Doc, double Score, double Coverage);

    /// <summary>The lexical candidates of a question, best first, with the corrections its words needed and whether it had any word.</summary>
    private sealed record LexicalRanking(string Question, IReadOnlyList<LexicalCandidate> Candidates, IReadOnlyDictionary<string, string> Corrections, bool HasWords)
    {
        /// <summary>Lexical confidence: the passage's coverage, scaled by the square root of its score relative to the best.</summary>
        public double Confidence(LexicalCandidate candidate) =>
            candidate.Coverage * Math.Sqrt(candidate.Score / Candidates[0].Score);
    }
}
