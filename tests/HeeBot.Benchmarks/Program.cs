using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project tests/HeeBot.Benchmarks -- --filter '*'        full runs
// dotnet run -c Release --project tests/HeeBot.Benchmarks -- --smoke --filter '*' one quick in-process pass (CI)
// dotnet run -c Release --project tests/HeeBot.Benchmarks -- --write-corpus DIR  the 100,000-passage corpus, for heebot-index
if (args is ["--write-corpus", var corpus])
{
    HeeBot.Benchmarks.LargeCorpusBenchmarks.Write(corpus);
    return 0;
}

// dotnet run -c Release --project tests/HeeBot.Benchmarks -- --throughput  searches per second from 1, 2 and 8 threads, and p50/p99
if (args is ["--throughput"])
{
    HeeBot.Benchmarks.Throughput.Run(Console.Out);
    return 0;
}

var smoke = args.Contains("--smoke");
var config = smoke
    ? DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator)
    : DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(HeeBot.Benchmarks.SearchBenchmarks).Assembly).Run([.. args.Where(a => a != "--smoke")], config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
