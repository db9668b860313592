using HeeBot.Tests;

namespace HeeBot.IndexBuilder.Tests.TestInfrastructure;

/// <summary>The real knowledge/ folder built once, through the CLI, into a temp index shared by a test class.</summary>
public sealed class HeeIndex : IAsyncLifetime, IDisposable
{
    private readonly TempFolder folder = new();

    public string Path => folder.Combine("index");

    public async Task InitializeAsync()
    {
        var run = await CliRun.InvokeAsync("build", "--knowledge", Repository.Knowledge, "--index", Path);
        Assert.True(run.ExitCode == 0, run.Error);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => folder.Dispose();
}
