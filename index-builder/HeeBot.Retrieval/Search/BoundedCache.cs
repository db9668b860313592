using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace HeeBot.Retrieval.Search;

/// <summary>
/// A concurrent cache of values computed once, that starts again when it reaches its limit. It counts its own
/// entries: <see cref="ConcurrentDictionary{TKey, TValue}.Count"/> takes every lock of the dictionary, and a cache
/// asked for a new key on every question (a word never seen, a new question's result) would pay that each time.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int limit, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> entries = new(comparer);
    private int count;

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => entries.TryGetValue(key, out value);

    /// <summary>The cached value of <paramref name="key"/>, else <paramref name="compute"/>'s, kept.</summary>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> compute)
    {
        if (entries.TryGetValue(key, out var known))
        {
            return known;
        }

        var value = compute(key);
        return Add(key, value) ? value : entries.GetValueOrDefault(key, value);
    }

    /// <summary>Keeps <paramref name="value"/> unless <paramref name="key"/> has one; false if it had.</summary>
    public bool Add(TKey key, TValue value)
    {
        if (Volatile.Read(ref count) >= limit)
        {
            // Two threads may both clear: the second clears little, and the count is only a bound.
            entries.Clear();
            Volatile.Write(ref count, 0);
        }

        if (!entries.TryAdd(key, value))
        {
            return false;
        }

        Interlocked.Increment(ref count);
        return true;
    }
}
