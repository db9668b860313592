using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Indexing;
using HeeBot.Retrieval.Knowledge;
using HeeBot.Retrieval.Search;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Index;

/// <summary>
/// Keeps the live index current without a restart. Every <see cref="RetrievalOptions.ReloadInterval"/>: knowledge
/// newer than the live index is rebuilt into the index folder (the builder swaps the folder in whole); a new commit
/// in the index folder is opened, checked with a search, and swapped in. An index that cannot be opened or searched,
/// or a knowledge folder that does not build, is refused with one warning and the live index keeps serving.
/// </summary>
internal sealed partial class IndexWatcher(
    PassageIndex index, IOptions<RetrievalOptions> options, IHostEnvironment environment, ILogger<IndexWatcher> logger, QuestionEncoder? encoder = null) : BackgroundService
{
    private readonly (string Knowledge, string Index) paths = PassageIndexLoader.Paths(options.Value, environment);
    private string? liveCommit;
    private string? refusedCommit;
    private string? gatedCommit;
    private DateTime refusedKnowledge;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ReloadInterval <= TimeSpan.Zero)
        {
            return;
        }

        liveCommit = Commit(paths.Index);
        using var timer = new PeriodicTimer(options.Value.ReloadInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                RebuildIfKnowledgeChanged();
                await SwapIfIndexChangedAsync(stoppingToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A folder mid-change; the next tick sees it settled.
                LogCheckFailed(logger, paths.Index, e.Message);
            }
        }
    }

    private void RebuildIfKnowledgeChanged()
    {
        var newest = PassageIndexLoader.NewestKnowledgeWrite(paths.Knowledge);
        if (newest <= index.Info.BuiltAt.UtcDateTime || newest == refusedKnowledge)
        {
            return;
        }

        try
        {
            using var lease = index.Acquire();
            var result = PassageIndexLoader.Build(paths.Knowledge, paths.Index, encoder, logger, options.Value, lease.Searcher);
            gatedCommit = Commit(paths.Index); // passed the gate in the build: not evaluated again when it goes live
            LogRebuilt(logger, result.Passages, result.Documents, result.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is KnowledgeFormatException or IndexRefusedException)
        {
            refusedKnowledge = newest;
            LogKnowledgeRefused(logger, e.Message, index.Info.BuiltAt);
        }
    }

    private async Task SwapIfIndexChangedAsync(CancellationToken cancellationToken)
    {
        var commit = Commit(paths.Index);
        if (commit is null || commit == liveCommit || commit == refusedCommit)
        {
            return;
        }

        PassageSearcher? next = null;
        try
        {
            next = PassageSearcher.Open(paths.Index, encoder);
            await CheckAsync(next, cancellationToken);
            if (commit != gatedCommit)
            {
                await GateAsync(next, cancellationToken);
            }

            index.Replace(next);
            liveCommit = commit;
            LogSwapped(logger, next.Info.Passages, next.Info.BuiltAt, index.Generation);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            // Unreadable, incompatible or corrupt: whatever Lucene throws, the live index stays.
            next?.Dispose();
            refusedCommit = commit;
            LogIndexRefused(logger, paths.Index, e.Message, index.Info.BuiltAt);
        }
    }

    /// <summary>An index put in the folder by hand passes the same regression gate as one rebuilt here.</summary>
    private async Task GateAsync(PassageSearcher next, CancellationToken cancellationToken)
    {
        if (PassageIndexLoader.Gate(options.Value, paths.Knowledge) is not { } gate)
        {
            return;
        }

        using var lease = index.Acquire();
        var verdict = await gate.CheckAsync(next, lease.Searcher, options.Value.Search(), cancellationToken);
        if (!verdict.Passed)
        {
            throw new IndexRefusedException($"the regression gate refused it: {verdict}");
        }
    }

    /// <summary>A new index must answer a search (the fused one, when there is a model) and give back its passages before it goes live.</summary>
    private static async Task CheckAsync(PassageSearcher searcher, CancellationToken cancellationToken)
    {
        if (searcher.Info.Passages <= 0)
        {
            throw new IndexUnavailableException("the index has no passages");
        }

        var check = await searcher.SearchAsync(string.Join(' ', searcher.Sections().Take(3)), cancellationToken: cancellationToken);
        foreach (var hit in check.Results)
        {
            _ = searcher.Get(hit.Id) ?? throw new IndexUnavailableException($"passage {hit.Id} cannot be read back");
        }
    }

    /// <summary>Names and times of the index folder's commit files: changes whenever a new index is written there.</summary>
    private static string? Commit(string folder) =>
        Directory.Exists(folder)
            ? string.Join(',', Directory.EnumerateFiles(folder, "segments*").Order(StringComparer.Ordinal).Select(f => $"{Path.GetFileName(f)}@{File.GetLastWriteTimeUtc(f).Ticks}"))
            : null;

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "New index live: {Passages} passages built at {BuiltAt:O} (generation {Generation})")]
    private static partial void LogSwapped(ILogger logger, int passages, DateTimeOffset builtAt, int generation);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Refused the new index at {IndexPath}: {Reason}. Still serving the index built at {LiveBuiltAt:O}")]
    private static partial void LogIndexRefused(ILogger logger, string indexPath, string reason, DateTimeOffset liveBuiltAt);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Knowledge changed: rebuilt the index, {Passages} passages from {Documents} documents in {ElapsedMs:0} ms")]
    private static partial void LogRebuilt(ILogger logger, int passages, int documents, double elapsedMs);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Knowledge changed but does not build: {Reason}. Still serving the index built at {LiveBuiltAt:O}")]
    private static partial void LogKnowledgeRefused(ILogger logger, string reason, DateTimeOffset liveBuiltAt);

    [LoggerMessage(EventId = 24, Level = LogLevel.Debug, Message = "Index check of {IndexPath} skipped: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string indexPath, string reason);
}
