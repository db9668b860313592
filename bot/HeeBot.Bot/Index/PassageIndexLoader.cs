using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Indexing;
using HeeBot.Retrieval.Search;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Index;

/// <summary>
/// Opens the passage index, building it first when it is missing, older than any knowledge file, or not searchable
/// with the model in use (built lexical only, or with another model).
/// </summary>
internal static partial class PassageIndexLoader
{
    public static PassageSearcher Open(IOptions<RetrievalOptions> options, IHostEnvironment environment, ILogger logger, QuestionEncoder? encoder)
    {
        var (knowledge, index) = Paths(options.Value, environment);
        var reason = WhyRebuild(knowledge, index, encoder);
        if (reason is not null)
        {
            LogBuilding(logger, index, reason);
            var result = Build(knowledge, index, encoder, logger);
            LogBuilt(logger, result.Passages, result.Documents, result.Elapsed.TotalMilliseconds);
        }

        return PassageSearcher.Open(index, encoder);
    }

    /// <summary>Builds the index from the knowledge, with passage vectors when there is a model; progress goes to the log.</summary>
    public static IndexBuildResult Build(string knowledge, string index, QuestionEncoder? encoder, ILogger logger) =>
        PassageIndexBuilder.Build(knowledge, index, log: line => LogProgress(logger, line), embeddings: encoder?.Generator);

    private static string? WhyRebuild(string knowledge, string index, QuestionEncoder? encoder)
    {
        if (!Directory.Exists(index))
        {
            return "there is no index yet";
        }

        DateTimeOffset builtAt;
        try
        {
            using var searcher = PassageSearcher.Open(index, encoder);
            builtAt = searcher.Info.BuiltAt;
        }
        catch (IndexUnavailableException e)
        {
            return e.Message;
        }

        return NewestKnowledgeWrite(knowledge) > builtAt.UtcDateTime ? "the knowledge changed since the index was built" : null;
    }

    /// <summary>The knowledge and index folders, full paths.</summary>
    public static (string Knowledge, string Index) Paths(RetrievalOptions options, IHostEnvironment environment) =>
        (Path.GetFullPath(options.KnowledgePath, environment.ContentRootPath), Path.GetFullPath(options.IndexPath, environment.ContentRootPath));

    /// <summary>When a file of the knowledge folder was last written (UTC); the minimum when there is none.</summary>
    public static DateTime NewestKnowledgeWrite(string knowledge) =>
        Directory.Exists(knowledge)
            ? Directory.EnumerateFiles(knowledge, "*", SearchOption.AllDirectories).Select(File.GetLastWriteTimeUtc).DefaultIfEmpty().Max()
            : default;

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Building the passage index at {IndexPath}: {Reason}")]
    private static partial void LogBuilding(ILogger logger, string indexPath, string reason);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Index build: {Line}")]
    private static partial void LogProgress(ILogger logger, string line);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Indexed {Passages} passages from {Documents} documents in {ElapsedMs:0} ms")]
    private static partial void LogBuilt(ILogger logger, int passages, int documents, double elapsedMs);
}
