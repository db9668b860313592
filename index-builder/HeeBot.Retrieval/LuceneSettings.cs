using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace HeeBot.Retrieval;

/// <summary>
/// Every Lucene setting HeeBot relies on, in one place: the format version, the field names of the
/// passage index, the scoring model and the query-time field weights. Index builder and searcher both
/// read them from here, so an index is always queried the way it was written.
/// </summary>
internal static class LuceneSettings
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>BM25 term-frequency saturation; Lucene's default.</summary>
    public const float K1 = 1.2f;

    /// <summary>BM25 length normalisation. Passages are short and similar in length, so it matters little.</summary>
    public const float B = 0.75f;

    /// <summary>Section headings name what a passage is about, so a heading match weighs more than a body match.</summary>
    public const float HeadingBoost = 2.0f;

    /// <summary>Alternate questions are written by editors to match how people ask; weighed like headings.</summary>
    public const float QuestionsBoost = 2.0f;

    public const float BodyBoost = 1.0f;

    /// <summary>The fields a question is searched in, each with its weight.</summary>
    public static readonly IReadOnlyList<(string Field, float Boost)> SearchedFields =
    [
        (FieldNames.Heading, HeadingBoost),
        (FieldNames.Questions, QuestionsBoost),
        (FieldNames.Body, BodyBoost),
    ];

    /// <summary>A word recovered by typo correction counts less than a word the user typed correctly.</summary>
    public const float CorrectedWordBoost = 0.6f;

    /// <summary>
    /// Candidates are ranked by BM25 times coverage to this power, coverage being the share of the question's
    /// weight a passage contains: a coordination factor, which BM25 in Lucene 4.8 lacks.
    /// </summary>
    public const double CoveragePower = 2.0;

    /// <summary>
    /// The index writers' RAM buffer, shared between the writers of a build in slices: large enough that 100,000
    /// passages are written without a flush before the end.
    /// </summary>
    public const double IndexingBufferMB = 256;

    /// <summary>A corpus is written in one slice per this many passages (at most one per core), each slice by its own thread.</summary>
    public const int PassagesPerIndexingSlice = 10_000;

    /// <summary>How many BM25 candidates are re-ranked by question coverage before the top ones are returned.</summary>
    public const int RerankDepth = 20;

    /// <summary>
    /// Up to this many passages, questions are scored document at a time (cheapest on a small index); above it,
    /// in buckets of documents (cheapest over long postings lists). See <c>PassageSearcher.TopDocs</c>.
    /// </summary>
    public const int InOrderScoringMaxPassages = 10_000;

    /// <summary>
    /// The document frequency a question term the index lacks is weighed at: 1 weighs it like the rarest word
    /// the index has. We cannot know it is any more specific than that.
    /// </summary>
    public const int UnknownTermDocFreq = 1;

    /// <summary>Commit user data keys written by the index builder.</summary>
    public const string CommitBuiltAt = "heebot.builtAt";
    public const string CommitDocuments = "heebot.documents";
    public const string CommitPassages = "heebot.passages";
    public const string CommitAnalyzer = "heebot.analyzer";

    /// <summary>The articles with provenance in their front matter (url, review dates, contact), as JSON.</summary>
    public const string CommitArticles = "heebot.articles";

    /// <summary>The embedding model of the passage vectors, its dimension and the passage form embedded; absent in a lexical-only index.</summary>
    public const string CommitEmbeddingModel = "heebot.embeddingModel";
    public const string CommitEmbeddingDimensions = "heebot.embeddingDimensions";
    public const string CommitPassageForm = "heebot.embeddedPassageForm";

    /// <summary>The synonyms the index was built with, copied into the index folder so queries use the same ones.</summary>
    public const string SynonymsFileName = "heebot-synonyms.txt";

    public static Similarity CreateSimilarity() => new BM25Similarity(K1, B);

    /// <summary>
    /// Opens an index folder for searching with positional file reads (NIOFSDirectory). Not FSDirectory.Open's
    /// MMapDirectory: in Lucene.Net 4.8 every clone of a memory-mapped input (several per query) is registered
    /// in a weak map that is only emptied as the garbage collector reaches the clones, so under load memory grew
    /// and throughput halved within a minute (/api/search 23,000 to 14,000 requests/s); with positional reads
    /// it holds at 36,000 with flat memory. The operating system's file cache keeps the small index in memory.
    /// </summary>
    public static Lucene.Net.Store.Directory OpenForSearch(string path) => new NIOFSDirectory(path);

    /// <summary>Field names of a passage document.</summary>
    public static class FieldNames
    {
        /// <summary>Stable passage id, indexed as one exact term.</summary>
        public const string Id = "id";

        /// <summary>Heading path ("Section > Subsection"), analyzed and stored, boosted at query time.</summary>
        public const string Heading = "heading";

        /// <summary>The section's alternate questions from front matter, analyzed, not stored.</summary>
        public const string Questions = "questions";

        /// <summary>Passage text, analyzed and stored.</summary>
        public const string Body = "body";

        /// <summary>
        /// The distinct analyzed terms of heading, questions and body, space-separated; indexed (documents only) for
        /// document frequencies and stored for per-passage question coverage. Term vectors would do the same at
        /// twenty times the indexing allocations.
        /// </summary>
        public const string All = "all";

        /// <summary>
        /// The words of headings, questions and bodies, lower-cased but not stemmed, without synonyms: the vocabulary
        /// typo correction draws on. A vocabulary, not statistics: each word is indexed in the first passage of its
        /// indexing slice that has it, so its document frequency says only whether the index knows it.
        /// </summary>
        public const string Exact = "exact";

        public const string DocumentId = "documentId";
        public const string DocumentTitle = "documentTitle";
        /// <summary>Each heading of the path, stored in order.</summary>
        public const string HeadingPath = "headingPath";
        public const string Source = "source";

        /// <summary>The passage's embedding vectors (text, then each alternate question), stored as float values.</summary>
        public const string Vectors = "vectors";

        /// <summary>A hash of the model and the embedded texts: a rebuild reuses the vectors of a passage whose key is unchanged.</summary>
        public const string VectorsKey = "vectorsKey";
    }
}
