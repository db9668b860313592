using System.Globalization;
using System.Text.Json;
using HeeBot.Retrieval.Analysis;
using HeeBot.Retrieval.Embeddings;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Directory = System.IO.Directory;

namespace HeeBot.Retrieval.Search;

/// <summary>Opening an index: its commit data checked against this version's analyzer and model, its vectors read.</summary>
public sealed partial class PassageSearcher
{
    /// <summary>Opens the index built by <see cref="Indexing.PassageIndexBuilder"/> at <paramref name="indexPath"/>.</summary>
    /// <param name="encoder">The embedding model for hybrid search; the index must hold vectors from the same model. None: lexical only.</param>
    /// <exception cref="IndexUnavailableException">No usable index there: missing, not an index, another analyzer or model, or unreadable.</exception>
    public static PassageSearcher Open(string indexPath, QuestionEncoder? encoder = null)
    {
        var path = Path.GetFullPath(indexPath);
        var directory = OpenDirectory(path, indexPath);
        SearcherManager? searchers = null;
        try
        {
            var info = ReadInfo(directory, path);
            if (encoder is not null && info.Model != encoder.Model)
            {
                throw new IndexUnavailableException(info.Model is null
                    ? $"{path} has no passage vectors this searcher can use (built lexical only, or before passage form {Indexing.PassageEmbeddings.PassageForm}) and this searcher uses {encoder.Model}; rebuild it with 'heebot-index build'"
                    : $"{path} was built with the embedding model {info.Model}, this searcher uses {encoder.Model}; rebuild it with 'heebot-index build'");
            }

            var synonymsPath = Path.Combine(path, LuceneSettings.SynonymsFileName);
            var synonyms = File.Exists(synonymsPath) ? File.ReadAllText(synonymsPath) : string.Empty;
            searchers = new SearcherManager(directory, new Bm25SearcherFactory());
            var vectors = encoder is null ? null : ReadVectors(searchers, encoder.Model.Dimensions);
            var analyzer = synonyms.Length == 0 ? PassageAnalyzer.WithoutSynonyms() : PassageAnalyzer.Create(synonyms, synonymsPath);
            return new PassageSearcher(directory, searchers, analyzer, info, encoder, vectors);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            searchers?.Dispose();
            directory.Dispose();
            throw Unreadable(path, e);
        }
        catch
        {
            searchers?.Dispose();
            directory.Dispose();
            throw;
        }
    }

    private static PassageVectors ReadVectors(SearcherManager searchers, int dimensions)
    {
        var searcher = searchers.Acquire();
        try
        {
            return PassageVectors.Read(searcher.IndexReader, dimensions);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>What Lucene throws for files it cannot read: the index is unusable, not the program broken.</summary>
    private static bool IsUnreadable(Exception e) =>
        e is IOException or FormatException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException;

    private static IndexUnavailableException Unreadable(string path, Exception e) =>
        new($"cannot read the index at {path}: {e.Message}; rebuild it with 'heebot-index build'", e);

    private static Lucene.Net.Store.Directory OpenDirectory(string path, string indexPath) =>
        Directory.Exists(path)
            ? LuceneSettings.OpenForSearch(path)
            : throw new IndexUnavailableException($"no index at {path}: build one with 'heebot-index build --knowledge <folder> --index {indexPath}'");

    private static IndexInfo ReadInfo(Lucene.Net.Store.Directory directory, string path)
    {
        if (!DirectoryReader.IndexExists(directory))
        {
            throw new IndexUnavailableException($"{path} is not a HeeBot index (no Lucene commit found); rebuild it with 'heebot-index build'");
        }

        IReadOnlyDictionary<string, string> commit = new Dictionary<string, string>(DirectoryReader.ListCommits(directory)[^1].UserData);
        if (commit.GetValueOrDefault(LuceneSettings.CommitAnalyzer) != PassageAnalyzer.ChainVersion)
        {
            throw new IndexUnavailableException($"{path} was built with another analyzer ('{commit.GetValueOrDefault(LuceneSettings.CommitAnalyzer)}', this version uses '{PassageAnalyzer.ChainVersion}'); rebuild it with 'heebot-index build'");
        }

        var model = commit.GetValueOrDefault(LuceneSettings.CommitEmbeddingModel) is { } modelId
            && commit.GetValueOrDefault(LuceneSettings.CommitPassageForm) == Indexing.PassageEmbeddings.PassageForm
            && int.TryParse(commit.GetValueOrDefault(LuceneSettings.CommitEmbeddingDimensions), CultureInfo.InvariantCulture, out var dimensions)
                ? new EmbeddingModel(modelId, dimensions)
                : null;
        return new IndexInfo(
            path,
            int.Parse(commit.GetValueOrDefault(LuceneSettings.CommitDocuments, "0"), CultureInfo.InvariantCulture),
            int.Parse(commit.GetValueOrDefault(LuceneSettings.CommitPassages, "0"), CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(commit.GetValueOrDefault(LuceneSettings.CommitBuiltAt, DateTimeOffset.UnixEpoch.ToString("O")), CultureInfo.InvariantCulture))
        {
            Model = model,
            Articles = commit.GetValueOrDefault(LuceneSettings.CommitArticles) is { } articles
                ? JsonSerializer.Deserialize(articles, SearchJsonContext.Default.ArticleInfoArray) ?? []
                : [],
        };
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = LuceneSettings.CreateSimilarity() };
    }
}
