using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Analytics;

/// <summary>
/// Where the bot records questions and feedback. A turn waits until its event is stored (for about
/// <see cref="AnalyticsOptions.StoreWait"/> at most: one clock lets go of the turns that waited that long, rather
/// than a timer per turn), so a reply is never sent for a question the log could still lose, but turns never write
/// themselves: one background writer stores whatever is waiting in one batch, a transaction each, so many turns share
/// one commit. A failed batch is retried until it is stored or the app stops. When the
/// queue is full (the store is down or cannot keep up) new events are dropped and counted rather than held.
/// Stopping stores everything still queued.
/// </summary>
/// <param name="meters">For the meter <see cref="MeterName"/>: events stored a commit (<c>heebot.questionlog.batch</c>), for dotnet-counters. None without it.</param>
internal sealed partial class QuestionLog(
    IQuestionLogStore store, IOptions<AnalyticsOptions> options, TimeProvider time, ILogger<QuestionLog> logger, IMeterFactory? meters = null)
    : IHostedService, IDisposable
{
    public const string MeterName = "HeeBot.Analytics";

    private const int BatchSize = 256;

    private readonly Histogram<int>? batches = meters?.Create(MeterName)
        .CreateHistogram<int>("heebot.questionlog.batch", "{event}", "Questions and feedback stored in one commit: how many turns share one");

    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: the event is dropped and counted

        // The one reader is the writer's thread, blocked until something is queued: the turn that queues wakes it
        // directly. Otherwise its wake-up is a work item on the thread pool, queued behind the requests.
        AllowSynchronousContinuations = true,
    });

    /// <summary>The turns waiting for their event, oldest first (events are stored in the order they came).</summary>
    private readonly ConcurrentQueue<Pending> waiting = new();

    private readonly CancellationTokenSource stopping = new();
    /// <summary>Completed when the writer has stored (or given up on) everything queued before the queue closed.</summary>
    private readonly TaskCompletionSource written = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task writer = Task.CompletedTask;
    private Task releaser = Task.CompletedTask;
    private Task retention = Task.CompletedTask;
    private long dropped;
    private int stopped;
    private int disposed;
    private volatile bool failing;

    /// <summary>Events dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>The last attempt to store a batch failed; the writer is retrying it.</summary>
    public bool Failing => failing;

    /// <summary>Events waiting to be stored.</summary>
    public int Queued => queue.Reader.Count;

    public Task<QuestionReport> ReportAsync(DateTimeOffset since, CancellationToken cancellationToken) => store.ReportAsync(since, cancellationToken);

    /// <summary>Queues <paramref name="e"/> and waits until it is stored, or about <see cref="AnalyticsOptions.StoreWait"/> has passed (it stays queued).</summary>
    public async Task RecordAsync(QuestionLogEvent e, CancellationToken cancellationToken)
    {
        // Personal details never reach the store (PersonalData), whatever the user typed.
        var pending = new Pending(e with { Question = PersonalData.Scrub(e.Question) }, time.GetTimestamp());
        if (!queue.Writer.TryWrite(pending))
        {
            if (Interlocked.Increment(ref dropped) % 1000 == 1)
            {
                LogDropped(logger, Dropped);
            }

            return;
        }

        if (options.Value.StoreWait <= TimeSpan.Zero)
        {
            return;
        }

        // Stored, or let go by ReleaseLateAsync when the store is slow or down: then the reply goes out and the event
        // waits in the queue for the next attempt.
        waiting.Enqueue(pending);
        await pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Deletes what is past its retention, then starts the writer and the daily deletion.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await DeleteExpiredAsync(cancellationToken);
        new Thread(WriteLoop) { IsBackground = true, Name = "question log writer" }.Start();
        writer = written.Task;
        releaser = options.Value.StoreWait > TimeSpan.Zero ? Task.Run(ReleaseLateAsync, CancellationToken.None) : Task.CompletedTask;
        retention = Task.Run(DailyRetentionAsync, CancellationToken.None);
    }

    /// <summary>
    /// Lets go of the turns whose event has waited <see cref="AnalyticsOptions.StoreWait"/> without being stored, checking
    /// four times in that span; forgets the ones whose event is stored.
    /// </summary>
    private async Task ReleaseLateAsync()
    {
        var wait = options.Value.StoreWait;
        using var clock = new PeriodicTimer(wait / 4, time);
        try
        {
            while (await clock.WaitForNextTickAsync(stopping.Token))
            {
                var now = time.GetTimestamp();
                while (waiting.TryPeek(out var oldest) && (oldest.Done.Task.IsCompleted || time.GetElapsedTime(oldest.Queued, now) >= wait)
                    && waiting.TryDequeue(out oldest))
                {
                    oldest.Done.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: StopAsync lets go of whoever still waits.
        }
    }

    private void ReleaseAll()
    {
        while (waiting.TryDequeue(out var pending))
        {
            pending.Done.TrySetResult();
        }
    }

    private async Task DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await store.DeleteOlderThanAsync(time.GetUtcNow().AddDays(-options.Value.RetentionDays), cancellationToken);
            LogRetention(logger, deleted, options.Value.RetentionDays);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or TimeoutException)
        {
            LogRetentionFailed(logger, e);
        }
    }

    private async Task DailyRetentionAsync()
    {
        using var daily = new PeriodicTimer(TimeSpan.FromDays(1), time);
        try
        {
            while (await daily.WaitForNextTickAsync(stopping.Token))
            {
                await DeleteExpiredAsync(stopping.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Stores what is still queued; when the host's shutdown timeout ends first, stops retrying a store that is down.</summary>
    /// <remarks>Once only: a host may stop its services again, or after disposing them (the test host does).</remarks>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        queue.Writer.TryComplete();
        await using (cancellationToken.Register(stopping.Cancel))
        {
            await writer;
        }

        try
        {
            await stopping.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // Disposed while the writer finished: Dispose has stopped the daily deletion already.
        }

        await retention;
        await releaser;
        ReleaseAll();
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref stopped, 1);
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            queue.Writer.TryComplete(); // the writer stores what it can of the rest once, then ends: nothing waits for it
            stopping.Cancel(); // ends the daily deletion and the releaser
            stopping.Dispose();
            ReleaseAll();
        }
    }

    /// <summary>
    /// The writer, on a thread of its own: it blocks on the queue and on the store (SQLite answers synchronously
    /// anyway), so a commit never waits behind the requests queued on the thread pool, and the turns it lets go resume
    /// at once. On the pool, a batch's commit waited its turn among the requests, and every turn waited for it.
    /// </summary>
    private void WriteLoop()
    {
        try
        {
            WriteAll();
            written.TrySetResult();
        }
        catch (Exception e)
        {
            written.TrySetException(e);
        }
    }

    private void WriteAll()
    {
        var stoppingToken = stopping.Token;
        var batch = new List<Pending>(BatchSize);
        var events = new List<QuestionLogEvent>(BatchSize);
        while (queue.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < BatchSize && queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
                events.Add(item.Event);
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    store.WriteAsync(events, CancellationToken.None).GetAwaiter().GetResult();
                    batches?.Record(events.Count);
                    failing = false;
                    batch.ForEach(p => p.Done.TrySetResult());
                    break;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failing = true;
                    LogStoreFailed(logger, events.Count, attempt, e);
                    if (stoppingToken.IsCancellationRequested)
                    {
                        LogLostAtStop(logger, events.Count + queue.Reader.Count);
                        return;
                    }

                    // Written again as it is: what a failed commit did store is skipped by event id.
                    try
                    {
                        Task.Delay(TimeSpan.FromMilliseconds(100 << Math.Min(attempt, 5)), time, stoppingToken).GetAwaiter().GetResult();
                    }
                    catch (OperationCanceledException)
                    {
                        // Stopping: one more attempt, then what cannot be stored is reported.
                    }
                }
            }

            batch.Clear();
            events.Clear();
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "Could not store {Count} questions and feedback (attempt {Attempt}); retrying")]
    private static partial void LogStoreFailed(ILogger logger, int count, int attempt, Exception exception);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "The question log's queue is full: {Dropped} events dropped so far")]
    private static partial void LogDropped(ILogger logger, long dropped);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Question log retention: {Deleted} rows older than {Days} days deleted")]
    private static partial void LogRetention(ILogger logger, int deleted, int days);

    [LoggerMessage(EventId = 304, Level = LogLevel.Error, Message = "Could not delete questions past their retention; trying again tomorrow")]
    private static partial void LogRetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "Stopping with {Count} questions and feedback not stored: the question log's store is unavailable")]
    private static partial void LogLostAtStop(ILogger logger, int count);

    /// <param name="queued">When it was queued (<see cref="TimeProvider.GetTimestamp"/>).</param>
    private sealed class Pending(QuestionLogEvent e, long queued)
    {
        public QuestionLogEvent Event { get; } = e;

        public long Queued { get; } = queued;

        /// <summary>Completed when the event is stored, or when its turn stops waiting for it.</summary>
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
