namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>A fake channel and HeeBot (in process, on 127.0.0.1) with an app id whose OpenID metadata points at that channel.</summary>
public sealed class AuthenticatedBot : IAsyncLifetime
{
    public FakeChannel Channel { get; private set; } = null!;

    public BotApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Channel = await FakeChannel.StartAsync();
        App = BotApplication.WithArticle(
            ("MicrosoftAppId", TestTokens.AppId),
            ("MicrosoftAppPassword", "not-a-real-secret"),
            ("BotFramework:ChannelOpenIdMetadataUrl", Channel.ChannelMetadataUrl),
            ("BotFramework:EmulatorOpenIdMetadataUrl", Channel.EmulatorMetadataUrl));
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Channel.DisposeAsync();
    }
}
