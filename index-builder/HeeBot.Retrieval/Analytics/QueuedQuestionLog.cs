using System.Threading.Channels;

namespace HeeBot.Retrieval.Analytics;

/// <summary>
/// Keeps logging off the request path: events go into a bounded queue and one background writer stores them
/// in batches, a transaction each, so concurrent turns never wait for SQLite's single write lock. Disposing
/// stores everything still queued. When the queue is full (the store cannot keep up) new events are dropped
/// and counted rather than slowing the bot.
/// </summary>
public sealed class QueuedQuestionLog : IQuestionLog, IAsyncDisposable
{
    private const int Capacity = 10_000;
    private const int BatchSize = 256;

    private readonly SqliteQuestionLog store;
    private readonly Channel<object> queue = Channel.CreateBounded<object>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private readonly Task writer;
    private long dropped;

    public QueuedQuestionLog(SqliteQuestionLog store, Action<Exception>? onError = null)
    {
        this.store = store;
        writer = Task.Run(() => WriteLoopAsync(onError));
    }

    /// <summary>Events dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    public Task RecordQuestionAsync(QuestionEvent question, CancellationToken cancellationToken) => Enqueue(question);

    public Task RecordFeedbackAsync(FeedbackEvent feedback, CancellationToken cancellationToken) => Enqueue(feedback);

    public Task<QuestionReport> ReportAsync(DateTimeOffset since, CancellationToken cancellationToken) => store.ReportAsync(since, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writer;
    }

    private Task Enqueue(object e)
    {
        if (!queue.Writer.TryWrite(e))
        {
            Interlocked.Increment(ref dropped);
        }

        return Task.CompletedTask;
    }

    private async Task WriteLoopAsync(Action<Exception>? onError)
    {
        var batch = new List<object>(BatchSize);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < BatchSize && queue.Reader.TryRead(out var e))
            {
                batch.Add(e);
            }

            try
            {
                await store.WriteAsync(batch, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failed batch is reported and dropped; the writer keeps going for the events after it.
                onError?.Invoke(ex);
                Interlocked.Add(ref dropped, batch.Count);
            }

            batch.Clear();
        }
    }
}
