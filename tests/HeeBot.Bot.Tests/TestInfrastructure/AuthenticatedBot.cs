namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>A fake channel and HeeBot with an app id whose OpenID metadata points at that channel.</summary>
public sealed class AuthenticatedBot : IAsyncLifetime
{
    public FakeChannel Channel { get; private set; } = null!;

    public BotProcess Process { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Channel = await FakeChannel.StartAsync();
        Process = await BotProcess.StartAsync(
            ("MicrosoftAppId", TestTokens.AppId),
            ("MicrosoftAppPassword", "not-a-real-secret"),
            ("BotFramework:ChannelOpenIdMetadataUrl", Channel.ChannelMetadataUrl),
            ("BotFramework:EmulatorOpenIdMetadataUrl", Channel.EmulatorMetadataUrl));
    }

    public async Task DisposeAsync()
    {
        await Process.DisposeAsync();
        await Channel.DisposeAsync();
    }
}
