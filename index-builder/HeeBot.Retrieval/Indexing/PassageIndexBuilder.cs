using System.Diagnostics;
using System.Globalization;
using System.Text;
using HeeBot.Retrieval.Analysis;
using HeeBot.Retrieval.Knowledge;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
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

    private static readonly FieldType AllFieldType = new(TextField.TYPE_NOT_STORED)
    {
        StoreTermVectors = true,
        OmitNorms = true,
    };

    private static readonly FieldType ExactFieldType = new(TextField.TYPE_NOT_STORED) { OmitNorms = true };

    /// <param name="synonymsPath">A Solr synonyms file; by default <c>synonyms.txt</c> in the knowledge folder, if there is one.</param>
    /// <param name="log">Progress lines for a person watching.</param>
    public static IndexBuildResult Build(string knowledgeFolder, string indexPath, string? synonymsPath = null, Action<string>? log = null)
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
            var writing = Stopwatch.StartNew();
            Write(staging, documents, analyzer, synonyms);
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

        var passages = documents.Sum(d => d.Passages.Count);
        return new IndexBuildResult(target, documents.Count, passages, clock.Elapsed);
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

    private static void Write(string folder, IReadOnlyList<KnowledgeDocument> documents, PassageAnalyzer analyzer, string? synonyms)
    {
        Directory.CreateDirectory(folder);
        using (var directory = FSDirectory.Open(folder))
        {
            var config = new IndexWriterConfig(LuceneSettings.Version, analyzer)
            {
                OpenMode = OpenMode.CREATE,
                Similarity = LuceneSettings.CreateSimilarity(),
                RAMBufferSizeMB = LuceneSettings.IndexingBufferMB,
            };
            using var writer = new IndexWriter(directory, config);

            // IndexWriter takes documents from several threads at once; each analyzes on its own.
            Parallel.ForEach(
                documents.SelectMany(d => d.Passages),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                passage => writer.AddDocument(ToDocument(passage)));

            writer.SetCommitData(new Dictionary<string, string>
            {
                [LuceneSettings.CommitBuiltAt] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                [LuceneSettings.CommitDocuments] = documents.Count.ToString(CultureInfo.InvariantCulture),
                [LuceneSettings.CommitPassages] = documents.Sum(d => d.Passages.Count).ToString(CultureInfo.InvariantCulture),
                [LuceneSettings.CommitAnalyzer] = PassageAnalyzer.ChainVersion,
            });
            writer.Commit();
        }

        // The searcher builds its analyzer from this copy, so queries always use the index's synonyms.
        File.WriteAllText(Path.Combine(folder, LuceneSettings.SynonymsFileName), synonyms ?? string.Empty);
    }

    private static Document ToDocument(Passage passage)
    {
        var headingText = passage.Title;
        var questions = string.Join('\n', passage.Questions);
        var document = new Document
        {
            new StringField(LuceneSettings.FieldNames.Id, passage.Id, Field.Store.YES),
            new StringField(LuceneSettings.FieldNames.DocumentId, passage.DocumentId, Field.Store.YES),
            new StoredField(LuceneSettings.FieldNames.DocumentTitle, passage.DocumentTitle),
            new TextField(LuceneSettings.FieldNames.Heading, headingText, Field.Store.YES),
            new TextField(LuceneSettings.FieldNames.Body, passage.Text, Field.Store.YES),
            new TextField(LuceneSettings.FieldNames.Questions, questions, Field.Store.NO),
            new Field(LuceneSettings.FieldNames.All, $"{headingText}\n{questions}\n{passage.Text}", AllFieldType),
            new Field(LuceneSettings.FieldNames.Exact, $"{headingText}\n{questions}\n{passage.Text}", ExactFieldType),
            new StoredField(LuceneSettings.FieldNames.Source, passage.Source),
        };
        foreach (var heading in passage.HeadingPath)
        {
            document.Add(new StoredField(LuceneSettings.FieldNames.HeadingPath, heading));
        }

        return document;
    }

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
