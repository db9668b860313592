using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project tests/HeeBot.Benchmarks -- --filter '*'        full runs
// dotnet run -c Release --project tests/HeeBot.Benchmarks -- --smoke --filter '*' one quick in-process pass (CI)
var smoke = args.Contains("--smoke");
var config = smoke
    ? DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator)
    : DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(HeeBot.Benchmarks.SearchBenchmarks).Assembly).Run([.. args.Where(a => a != "--smoke")], config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
