namespace HeeBot.Retrieval.Search;

/// <summary>
/// The live passage index: one <see cref="PassageSearcher"/> at a time, replaced atomically when a newer index is
/// opened. Callers lease the current searcher for the length of their work; a replaced searcher is disposed when
/// its last lease ends, so a search never meets a closed index and one lease sees one index throughout (no answer
/// mixes two).
/// </summary>
public sealed class PassageIndex : IDisposable
{
    private Entry current;

    public PassageIndex(PassageSearcher searcher)
    {
        ArgumentNullException.ThrowIfNull(searcher);
        current = new Entry(searcher, 1, DateTimeOffset.UtcNow);
    }

    /// <summary>The live index's commit data.</summary>
    public IndexInfo Info => Volatile.Read(ref current).Searcher.Info;

    /// <summary>1 for the index opened first, one more for each replacement.</summary>
    public int Generation => Volatile.Read(ref current).Number;

    /// <summary>When the live index was opened.</summary>
    public DateTimeOffset LoadedAt => Volatile.Read(ref current).LoadedAt;

    /// <summary>The live searcher, held until the lease is disposed.</summary>
    public Lease Acquire()
    {
        while (true)
        {
            var entry = Volatile.Read(ref current);
            if (entry.TryRetain())
            {
                return new Lease(entry);
            }

            // Replaced and released between the read and the retain: read the new one.
        }
    }

    /// <summary>Makes <paramref name="next"/> the live searcher; the previous one is disposed once no lease holds it.</summary>
    public void Replace(PassageSearcher next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var previous = Volatile.Read(ref current);
        var replacement = new Entry(next, previous.Number + 1, DateTimeOffset.UtcNow);
        Interlocked.Exchange(ref current, replacement).Release();
    }

    public void Dispose() => Volatile.Read(ref current).Release();

    /// <summary>A searcher with a count of holders: the index itself while live, and each lease.</summary>
    internal sealed class Entry(PassageSearcher searcher, int number, DateTimeOffset loadedAt)
    {
        private int holders = 1;

        public PassageSearcher Searcher { get; } = searcher;

        public int Number { get; } = number;

        public DateTimeOffset LoadedAt { get; } = loadedAt;

        public bool TryRetain()
        {
            var count = Volatile.Read(ref holders);
            while (count > 0)
            {
                var seen = Interlocked.CompareExchange(ref holders, count + 1, count);
                if (seen == count)
                {
                    return true;
                }

                count = seen;
            }

            return false;
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref holders) == 0)
            {
                Searcher.Dispose();
            }
        }
    }

    /// <summary>One holder's use of a searcher; dispose it when done.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly Entry entry;

        internal Lease(Entry entry) => this.entry = entry;

        public PassageSearcher Searcher => entry.Searcher;

        public void Dispose() => entry?.Release();
    }
}
