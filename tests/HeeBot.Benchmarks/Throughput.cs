using System.Diagnostics;
using System.Globalization;

namespace HeeBot.Benchmarks;

/// <summary>
/// Searches per second from several threads at once and per-query latency percentiles: on the HEE index, lexical and
/// hybrid with the question mix repeated (1, 2 and 8 threads); the model on questions never seen (1 and 2 threads);
/// then the 100,000-passage corpus of <see cref="LargeCorpusBenchmarks"/>, lexical and hybrid (1 thread).
/// </summary>
internal static class Throughput
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    public static void Run(TextWriter output)
    {
        using (var index = new HeeIndex())
        {
            foreach (var q in index.Questions)
            {
                index.Searcher.Search(q); // warm up: JIT and the vocabulary caches
            }

            var lexical = new HeeBot.Retrieval.Search.SearchOptions { Mode = HeeBot.Retrieval.Search.RetrievalMode.Lexical };
            foreach (var threads in new[] { 1, 2, 8 })
            {
                Measure(output, $"HEE lexical, {threads} thread(s)", threads, i => index.Searcher.Search(index.Questions[i % index.Questions.Count], lexical));
                Measure(output, $"HEE hybrid, {threads} thread(s)", threads, i => index.Searcher.Search(index.Questions[i % index.Questions.Count]));
            }

            // Every question new: a unique number defeats the cache, so each one runs the model.
            var unique = 0;
            foreach (var threads in new[] { 1, 2 })
            {
                Measure(output, $"HEE hybrid new, {threads} thr", threads, i => index.Searcher.Search($"{index.Questions[i % index.Questions.Count]} {Interlocked.Increment(ref unique)}"));
            }

            // As a loaded server asks: many questions in flight at once, which share model runs.
            MeasureInFlight(output, "HEE hybrid new, 32 in flight", 32, i => index.Searcher.SearchAsync($"{index.Questions[i % index.Questions.Count]} {Interlocked.Increment(ref unique)}"));
        }

        output.WriteLine("building the 100,000-passage corpus...");
        var large = new LargeCorpusBenchmarks();
        large.Setup();
        try
        {
            for (var i = 0; i < 1_000; i++)
            {
                large.Search();
            }

            Measure(output, "100,000 lexical, 1 thread", 1, _ => large.SearchLexical());
            Measure(output, "100,000 hybrid, 1 thread", 1, _ => large.Search());
        }
        finally
        {
            large.Cleanup();
        }
    }

    private static void MeasureInFlight(TextWriter output, string label, int inFlight, Func<int, ValueTask<HeeBot.Retrieval.Search.SearchResult>> search)
    {
        var latencies = new List<double>[inFlight];
        var clock = Stopwatch.StartNew();
        Task.WaitAll([.. Enumerable.Range(0, inFlight).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(10_000);
            for (var i = c; clock.Elapsed < Duration; i += inFlight)
            {
                var start = Stopwatch.GetTimestamp();
                await search(i);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }))]);
        Report(output, label, latencies.SelectMany(l => l).Order().ToList(), clock.Elapsed);
    }

    private static void Report(TextWriter output, string label, List<double> all, TimeSpan elapsed) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-28} {all.Count / elapsed.TotalSeconds,9:0} searches/s   p50 {Percentile(all, 50),7:0.0} us   p90 {Percentile(all, 90),7:0.0} us   p99 {Percentile(all, 99),7:0.0} us"));

    // In long arithmetic: a cached search is fast enough that 3 s of them times 99 overflows an int.
    private static double Percentile(List<double> sorted, int percent) => sorted[(int)((long)sorted.Count * percent / 100)];

    private static void Measure(TextWriter output, string label, int threads, Action<int> search)
    {
        var latencies = new List<double>[threads];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var mine = latencies[t] = new List<double>(100_000);
            var i = t;
            while (clock.Elapsed < Duration)
            {
                var start = Stopwatch.GetTimestamp();
                search(i++);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }

        });
        Report(output, label, latencies.SelectMany(l => l).Order().ToList(), clock.Elapsed);
    }
}
