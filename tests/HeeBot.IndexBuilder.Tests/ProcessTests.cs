using System.Diagnostics;
using HeeBot.Tests;

namespace HeeBot.IndexBuilder.Tests;

/// <summary>heebot-index as a separate process, the way a person or a script runs it.</summary>
public sealed class ProcessTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(string stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "heebot-index.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task BuildThenBatchSearch_AsProcesses_WorkEndToEnd()
    {
        using var temp = new TempFolder();

        var build = await RunAsync(string.Empty, "build", "--knowledge", Repository.Knowledge, "--index", temp.Combine("index"));
        var search = await RunAsync("What is the Shape of Caring Review?\nWho won the football world cup?\n", "search", "--index", temp.Combine("index"));

        Assert.True(build.Code == 0, build.Error);
        Assert.True(search.Code == 0, search.Error);
        var lines = search.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"id\":\"hee#shape-of-caring-review\"", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"query\":\"Who won the football world cup?\",\"answered\":false", lines[1], StringComparison.Ordinal);
    }
}
