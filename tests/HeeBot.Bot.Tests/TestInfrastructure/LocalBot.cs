namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>A fake channel and HeeBot in local mode (no app id), shared by a test class.</summary>
public sealed class LocalBot : IAsyncLifetime
{
    public FakeChannel Channel { get; private set; } = null!;

    public BotProcess Process { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Channel = await FakeChannel.StartAsync();
        Process = await BotProcess.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Process.DisposeAsync();
        await Channel.DisposeAsync();
    }
}
