using HeeBot.Retrieval.Indexing;
using HeeBot.Retrieval.Search;
using HeeBot.Retrieval.Tests.TestInfrastructure;
using HeeBot.Tests;

namespace HeeBot.Retrieval.Tests;

public sealed class PassageIndexTests : IDisposable
{
    private readonly TempFolder folder = new();

    public PassageIndexTests() => PassageIndexBuilder.Build(FixtureIndex.KnowledgePath, folder.Combine("index"));

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Replace_KeepsALeasedSearcherOpenUntilItsLeaseEnds()
    {
        using var index = new PassageIndex(Open());
        var lease = index.Acquire();
        var old = lease.Searcher;

        index.Replace(Open());

        Assert.NotEmpty(old.Search("paramedics").Results);
        Assert.Equal(2, index.Generation);
        lease.Dispose();
        Assert.ThrowsAny<ObjectDisposedException>(() => old.Search("paramedics"));
    }

    [Fact]
    public void Replace_DisposesTheOldSearcherAtOnceWhenNobodyHoldsIt()
    {
        using var index = new PassageIndex(Open());
        PassageSearcher old;
        using (var lease = index.Acquire())
        {
            old = lease.Searcher;
        }

        index.Replace(Open());

        Assert.ThrowsAny<ObjectDisposedException>(() => old.Search("paramedics"));
        using var current = index.Acquire();
        Assert.NotSame(old, current.Searcher);
    }

    [Fact]
    public async Task SearchesWhileTheIndexIsReplacedOverAndOver_NeverFail()
    {
        using var index = new PassageIndex(Open());
        using var stop = new CancellationTokenSource();
        var done = 0;
        var searches = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var lease = index.Acquire();
                Assert.NotEmpty(lease.Searcher.Search("paramedics").Results);
                Interlocked.Increment(ref done);
            }
        })).ToList();

        // Counts rather than a time window, so a busy machine makes the test slower, not wrong.
        var replaced = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((replaced < 20 || Volatile.Read(ref done) < 400) && clock.Elapsed < TimeSpan.FromSeconds(30) && searches.All(t => !t.IsCompleted))
        {
            index.Replace(Open());
            replaced++;
        }

        await stop.CancelAsync();
        await Task.WhenAll(searches);
        Assert.True(done >= 400 && replaced >= 20, $"{done} searches, {replaced} replacements");
    }

    private PassageSearcher Open() => PassageSearcher.Open(folder.Combine("index"));
}
