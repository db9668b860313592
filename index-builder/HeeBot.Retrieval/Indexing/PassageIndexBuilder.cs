using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HeeBot.Retrieval.Analysis;
using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Knowledge;
using HeeBot.Retrieval.Search;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.Extensions.AI;
using Directory = System.IO.Directory;

namespace HeeBot.Retrieval.Indexing;

/// <summary>
/// Builds the passage index from a knowledge folder. Everything is read and checked before anything is
/// written; the index is written into a new folder beside the target and swapped in at the end, so a
/// failed build leaves the previous index as it was and a reader never sees a half-written one.
/// </summary>
public static class PassageIndexBuilder
{
    /// <summary>The synonyms file looked for in the knowledge folder when none is named.</summary>
    public const string DefaultSynonymsFileName = "synonyms.txt";

    /// <param name="synonymsPath">A Solr synonyms file; by default <c>synonyms.txt</c> in the knowledge folder, if there is one.</param>
    /// <param name="log">Progress lines for a person watching.</param>
    /// <param name="embeddings">
    /// The embedding model for the passage vectors; none builds a lexical-only index. Vectors of passages unchanged
    /// since the index at <paramref name="indexPath"/> was built are reused from it.
    /// </param>
    /// <param name="accept">
    /// Called with the new index's folder once it is complete, before it replaces the old one: a message refuses it
    /// (<see cref="IndexRefusedException"/>), null lets it through. The regression gate (<see cref="Evaluation.RecallGate"/>).
    /// </param>
    /// <exception cref="IndexRefusedException"><paramref name="accept"/> refused the new index; the old one is unchanged.</exception>
    public static IndexBuildResult Build(
        string knowledgeFolder,
        string indexPath,
        string? synonymsPath = null,
        Action<string>? log = null,
        IEmbeddingGenerator<string, Embedding<float>>? embeddings = null,
        Func<string, string?>? accept = null)
    {
        var clock = Stopwatch.StartNew();
        var documents = MarkdownArticleReader.ReadFolder(knowledgeFolder);
        if (documents.Count <= 20)
        {
            foreach (var document in documents)
            {
                log?.Invoke($"read {document.RelativePath}: {document.Passages.Count} passages");
            }
        }
        else
        {
            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"read {documents.Count} documents, {documents.Sum(d => d.Passages.Count)} passages in {clock.Elapsed.TotalSeconds:0.00} s"));
        }

        synonymsPath ??= Path.Combine(knowledgeFolder, DefaultSynonymsFileName);
        var synonyms = ReadSynonyms(synonymsPath, explicitlyNamed: synonymsPath != Path.Combine(knowledgeFolder, DefaultSynonymsFileName));
        using var analyzer = synonyms is null ? PassageAnalyzer.WithoutSynonyms() : PassageAnalyzer.Create(synonyms, synonymsPath);
        if (synonyms is not null)
        {
            log?.Invoke($"synonyms from {synonymsPath}");
        }

        var target = Path.GetFullPath(indexPath).TrimEnd(Path.DirectorySeparatorChar);
        var staging = $"{target}.building-{Guid.NewGuid():N}";
        try
        {
            var passages = documents.SelectMany(d => d.Passages).ToArray();
            var vectors = embeddings is null ? null : PassageEmbeddings.Compute(passages, embeddings, target, log);
            var writing = Stopwatch.StartNew();
            Write(staging, documents, passages, analyzer, synonyms, vectors is null ? null : (EmbeddingModel.Of(embeddings!), vectors));
            if (accept?.Invoke(staging) is { } refusal)
            {
                throw new IndexRefusedException(refusal);
            }

            Swap(staging, target);
            if (documents.Count > 20)
            {
                log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"indexed in {writing.Elapsed.TotalSeconds:0.00} s"));
            }
        }
        catch
        {
            TryDelete(staging);
            throw;
        }

        return new IndexBuildResult(target, documents.Count, documents.Sum(d => d.Passages.Count), clock.Elapsed) { Articles = [.. documents.Select(d => d.Info)] };
    }

    private static string? ReadSynonyms(string path, bool explicitlyNamed)
    {
        if (!File.Exists(path))
        {
            return explicitlyNamed ? throw new KnowledgeFormatException(path, null, "synonyms file not found") : null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException)
        {
            throw new KnowledgeFormatException(path, null, "not valid UTF-8; save the file as UTF-8");
        }
    }

    private static void Write(
        string folder, IReadOnlyList<KnowledgeDocument> documents, Passage[] passages, PassageAnalyzer analyzer, string? synonyms, (EmbeddingModel Model, (string Key, byte[] Vectors)[] Rows)? vectors)
    {
        Directory.CreateDirectory(folder);
        using (var directory = FSDirectory.Open(folder))
        {
            using var writer = new IndexWriter(directory, WriterConfig(analyzer, LuceneSettings.IndexingBufferMB));
            var slices = SliceCount(passages.Length);
            if (slices == 1)
            {
                Add(writer, passages, 0, new PassageDocument(analyzer, vectors?.Rows));
            }
            else
            {
                WriteInSlices(writer, passages, slices, analyzer, vectors?.Rows);
            }

            var commit = new Dictionary<string, string>
            {
                [LuceneSettings.CommitBuiltAt] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                [LuceneSettings.CommitDocuments] = documents.Count.ToString(CultureInfo.InvariantCulture),
                [LuceneSettings.CommitPassages] = passages.Length.ToString(CultureInfo.InvariantCulture),
                [LuceneSettings.CommitAnalyzer] = PassageAnalyzer.ChainVersion,
            };
            // Only articles that say more than their title, so a corpus of many plain articles adds nothing here.
            var provenance = documents.Select(d => d.Info).Where(a => a.Url is not null || a.Reviewed is not null || a.NextReview is not null || a.Contact is not null).ToArray();
            if (provenance.Length > 0)
            {
                commit[LuceneSettings.CommitArticles] = JsonSerializer.Serialize(provenance, SearchJsonContext.Default.ArticleInfoArray);
            }

            if (vectors is { Model: var model })
            {
                commit[LuceneSettings.CommitEmbeddingModel] = model.Id;
                commit[LuceneSettings.CommitEmbeddingDimensions] = model.Dimensions.ToString(CultureInfo.InvariantCulture);
                commit[LuceneSettings.CommitPassageForm] = PassageEmbeddings.PassageForm;
            }

            writer.SetCommitData(commit);
            writer.Commit();
        }

        // The searcher builds its analyzer from this copy, so queries always use the index's synonyms.
        File.WriteAllText(Path.Combine(folder, LuceneSettings.SynonymsFileName), synonyms ?? string.Empty);
    }

    /// <summary>One slice per core for a large corpus; a small one is written by one thread.</summary>
    private static int SliceCount(int passages) => Math.Clamp(passages / LuceneSettings.PassagesPerIndexingSlice, 1, Environment.ProcessorCount);

    /// <summary>
    /// Each slice of the passages is written by its own thread into its own in-memory index, and the slices' segments
    /// are then copied into <paramref name="writer"/>. One IndexWriter fed from several threads takes its shared
    /// locks for every document and flushes every thread's segment at commit, on the committing thread; a writer
    /// per thread takes its locks uncontended and flushes on its own thread (100,000 passages: 4.5 to 3.7 s).
    /// </summary>
    private static void WriteInSlices(IndexWriter writer, Passage[] passages, int slices, PassageAnalyzer analyzer, (string Key, byte[] Vectors)[]? vectors)
    {
        var parts = new RAMDirectory[slices];
        try
        {
            Parallel.For(0, slices, new ParallelOptions { MaxDegreeOfParallelism = slices }, i =>
            {
                var start = passages.Length * i / slices;
                var end = passages.Length * (i + 1) / slices;
                parts[i] = new RAMDirectory();
                // The writers share the indexing buffer, so memory does not grow with the number of cores.
                using var sliceWriter = new IndexWriter(parts[i], WriterConfig(analyzer, LuceneSettings.IndexingBufferMB / slices));
                Add(sliceWriter, new ArraySegment<Passage>(passages, start, end - start), start, new PassageDocument(analyzer, vectors));
                sliceWriter.Commit();
            });
            writer.AddIndexes(parts);
        }
        finally
        {
            foreach (var part in parts)
            {
                part?.Dispose();
            }
        }
    }

    /// <param name="first">The position of the first of <paramref name="passages"/> among all, for its vectors.</param>
    private static void Add(IndexWriter writer, IEnumerable<Passage> passages, int first, PassageDocument document)
    {
        var position = first;
        foreach (var passage in passages)
        {
            writer.AddDocument(document.Fill(passage, position++));
        }
    }

    private static IndexWriterConfig WriterConfig(PassageAnalyzer analyzer, double bufferMB) => new(LuceneSettings.Version, analyzer)
    {
        OpenMode = OpenMode.CREATE,
        Similarity = LuceneSettings.CreateSimilarity(),
        RAMBufferSizeMB = bufferMB,

        // A compound file is one more copy of every segment, to save file handles an index this size never runs short of.
        UseCompoundFile = false,
    };

    private static void Swap(string staging, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }

        var previous = $"{target}.previous-{Guid.NewGuid():N}";
        Directory.Move(target, previous);
        try
        {
            Directory.Move(staging, target);
        }
        catch
        {
            Directory.Move(previous, target);
            throw;
        }

        TryDelete(previous);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover staging folder is harmless; the next build uses a new name.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
