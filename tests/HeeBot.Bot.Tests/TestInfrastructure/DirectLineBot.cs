namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>HeeBot with a Direct Line secret, short-lived conversation tokens and one allowed cross-origin site.</summary>
public sealed class DirectLineBot : IAsyncLifetime
{
    public const string Secret = "test-direct-line-secret";
    public const string AllowedOrigin = "https://partner.example.org";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(8); // short, with room for a loaded machine

    public BotApplication App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        App = BotApplication.WithArticle(
            ("DirectLine:Secret", Secret),
            ("DirectLine:TokenLifetime", TokenLifetime.ToString()),
            ("DirectLine:AllowedOrigins:0", AllowedOrigin),
            ("WebChat:EmbedOrigins:0", AllowedOrigin));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
