using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Evaluation;
using HeeBot.Retrieval.Indexing;
using HeeBot.Retrieval.Knowledge;
using HeeBot.Retrieval.Search;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Index;

/// <summary>
/// Opens the passage index, building it first when it is missing, older than any knowledge file, or not searchable
/// with the model in use (built lexical only, with another model, or with an older passage form).
/// </summary>
internal static partial class PassageIndexLoader
{
    public static PassageSearcher Open(IOptions<RetrievalOptions> options, IHostEnvironment environment, ILogger logger, QuestionEncoder? encoder)
    {
        var (knowledge, index) = Paths(options.Value, environment);
        var reason = WhyRebuild(knowledge, index, encoder, out var existing);
        if (reason is null)
        {
            return existing!;
        }

        LogBuilding(logger, index, reason);
        IndexBuildResult result;
        try
        {
            result = Build(knowledge, index, encoder, logger, options.Value, existing);
        }
        catch (IndexRefusedException e) when (existing is not null)
        {
            // The index on disk still passes; it answers until the knowledge is fixed.
            LogRefusedAtStart(logger, e.Message);
            return existing;
        }
        catch
        {
            existing?.Dispose();
            throw;
        }

        existing?.Dispose();
        LogBuilt(logger, result.Passages, result.Documents, result.Elapsed.TotalMilliseconds);
        return PassageSearcher.Open(index, encoder);
    }

    /// <summary>
    /// Builds the index from the knowledge, with passage vectors when there is a model; progress goes to the log. The new
    /// index must pass the regression gate (<see cref="RetrievalOptions.MinRecall"/>) before it replaces <paramref name="live"/>.
    /// </summary>
    /// <exception cref="IndexRefusedException">The gate refused it; the index folder is unchanged.</exception>
    public static IndexBuildResult Build(string knowledge, string index, QuestionEncoder? encoder, ILogger logger, RetrievalOptions options, PassageSearcher? live)
    {
        var accept = Gate(options, knowledge)?.Acceptance(encoder, options.Search(), live, verdict => LogGate(logger, verdict));
        var result = PassageIndexBuilder.Build(knowledge, index, log: line => LogProgress(logger, line), embeddings: encoder?.Generator, accept: accept);
        foreach (var article in ArticleInfo.DueForReview(result.Articles, DateOnly.FromDateTime(DateTime.UtcNow)))
        {
            LogReviewOverdue(logger, article.File, article.NextReview!.Value);
        }

        return result;
    }

    /// <summary>The regression gate the options ask for; null when it is off or the knowledge keeps no gold set.</summary>
    public static RecallGate? Gate(RetrievalOptions options, string knowledge) =>
        RecallGate.For(knowledge, options.MinRecall, options.GateQuestions is { } path ? Path.GetFullPath(path, knowledge) : null);

    /// <summary>Why the index must be built first, or null; <paramref name="existing"/> is the index there when it opens (the caller owns it).</summary>
    private static string? WhyRebuild(string knowledge, string index, QuestionEncoder? encoder, out PassageSearcher? existing)
    {
        existing = null;
        if (!Directory.Exists(index))
        {
            return "there is no index yet";
        }

        try
        {
            existing = PassageSearcher.Open(index, encoder);
        }
        catch (IndexUnavailableException e)
        {
            return e.Message;
        }

        return NewestKnowledgeWrite(knowledge) > existing.Info.BuiltAt.UtcDateTime ? "the knowledge changed since the index was built" : null;
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

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "Regression gate: {Verdict}")]
    private static partial void LogGate(ILogger logger, RecallGate.GateVerdict verdict);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning, Message = "The knowledge changed but {Reason}. Serving the index already built")]
    private static partial void LogRefusedAtStart(ILogger logger, string reason);

    [LoggerMessage(EventId = 17, Level = LogLevel.Warning, Message = "{File} is due for review since {Due:yyyy-MM-dd}")]
    private static partial void LogReviewOverdue(ILogger logger, string file, DateOnly due);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Indexed {Passages} passages from {Documents} documents in {ElapsedMs:0} ms")]
    private static partial void LogBuilt(ILogger logger, int passages, int documents, double elapsedMs);
}
