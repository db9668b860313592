namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>A fake channel and HeeBot in local mode (no app id), in process and listening on 127.0.0.1, shared by a test class.</summary>
public sealed class LocalBot : IAsyncLifetime
{
    public FakeChannel Channel { get; private set; } = null!;

    public BotApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Channel = await FakeChannel.StartAsync();
        App = BotApplication.WithArticle();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Channel.DisposeAsync();
    }
}
