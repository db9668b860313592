using System.Diagnostics;
using System.Globalization;

namespace HeeBot.Benchmarks;

/// <summary>Searches per second on the HEE index from several threads at once, and per-query latency percentiles.</summary>
internal static class Throughput
{
    public static void Run(TextWriter output)
    {
        using var index = new HeeIndex();
        foreach (var q in index.Questions)
        {
            index.Searcher.Search(q); // warm up: JIT and the vocabulary caches
        }

        foreach (var threads in new[] { 1, 2, 8 })
        {
            var latencies = new List<double>[threads];
            long done = 0;
            var clock = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var mine = latencies[t] = new List<double>(100_000);
                var i = t;
                while (clock.Elapsed < TimeSpan.FromSeconds(3))
                {
                    var start = Stopwatch.GetTimestamp();
                    index.Searcher.Search(index.Questions[i++ % index.Questions.Count]);
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                }

                Interlocked.Add(ref done, mine.Count);
            });
            var all = latencies.SelectMany(l => l).Order().ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{threads} thread(s): {done / clock.Elapsed.TotalSeconds,9:0} searches/s   p50 {all[all.Count / 2],7:0.0} us   p90 {all[all.Count * 9 / 10],7:0.0} us   p99 {all[all.Count * 99 / 100],7:0.0} us"));
        }
    }
}
