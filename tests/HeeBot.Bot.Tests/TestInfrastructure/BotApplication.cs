using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeeBot.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>
/// The whole app in the test process (<see cref="WebApplicationFactory{TEntryPoint}"/>), with its own index and
/// question log in a temp folder and its log captured. <see cref="WithFixture"/>: the fixture article (Riverside
/// Training Trust), lexical, in memory, for tests of the conversation. <see cref="WithArticle"/>: knowledge/ and the
/// default retrieval, listening on a port of 127.0.0.1 (Kestrel), for tests of channels, protocol and pages.
/// </summary>
public sealed class BotApplication : WebApplicationFactory<Program>
{
    private readonly TempFolder folder = new();
    private readonly StringBuilder log = new();
    private readonly (string Key, string Value)[] settings;
    private int next;

    private BotApplication((string Key, string Value)[] settings) => this.settings = settings;

    private static (string, string)[] Fixture =>
    [
        ("Retrieval:KnowledgePath", Repository.FixtureKnowledge),
        ("Retrieval:Semantic", "false"),
        ("Faq:BotName", "Riverside Bot"),
        ("Faq:Subject", "the Riverside Training Trust"),
    ];

    public string DatabasePath => folder.Combine("data", "heebot.db");

    /// <summary>Where the app listens (<see cref="WithArticle"/> only).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What the app has logged, a line per entry as the console's simple format writes it (<c>warn: Category[id] message</c>).</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>The fixture article, lexical only, served in memory: fast, and its wording known to the tests.</summary>
    public static BotApplication WithFixture(params (string Key, string Value)[] settings) => new([.. Fixture, .. settings]);

    /// <summary>knowledge/ with the app's default retrieval, listening on 127.0.0.1 for clients that need a socket (browsers, WebSockets, channels).</summary>
    public static BotApplication WithArticle(params (string Key, string Value)[] settings)
    {
        var app = new BotApplication([("Retrieval:KnowledgePath", Repository.Knowledge), .. settings]);
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        app.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        return app;
    }

    /// <summary>Waits until the log has a line containing <paramref name="text"/>, or gives up after a few seconds; returns the log.</summary>
    public async Task<string> WaitForLogAsync(string text)
    {
        for (var i = 0; i < 100 && !Log.Contains(text, StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
        }

        return Log;
    }

    /// <summary>Posts <paramref name="activity"/> with <c>expectReplies</c> and returns the bot's replies.</summary>
    public async Task<IReadOnlyList<JsonElement>> SendAsync(JsonObject activity)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/messages", activity.With("deliveryMode", "expectReplies"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. body.RootElement.GetProperty("activities").EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>Says <paramref name="text"/> in <paramref name="conversation"/> on <paramref name="channel"/>; the one reply.</summary>
    public async Task<JsonElement> AskAsync(string text, string conversation = "conversation-1", string channel = "emulator") =>
        Assert.Single(await SendAsync(Message(text, conversation, channel)));

    /// <summary>Presses a card button: posts its <c>data</c> as the message's value, as Teams, Web Chat and the Emulator do.</summary>
    public async Task<JsonElement> PressAsync(JsonElement button, string conversation = "conversation-1", string channel = "emulator")
    {
        var activity = Message(string.Empty, conversation, channel);
        activity.Remove("text");
        activity["value"] = JsonNode.Parse(button.GetProperty("data").GetRawText());
        return Assert.Single(await SendAsync(activity));
    }

    public JsonObject Message(string text, string conversation = "conversation-1", string channel = "emulator") => new()
    {
        ["type"] = "message",
        ["id"] = $"activity-{Interlocked.Increment(ref next)}",
        ["channelId"] = channel,
        ["serviceUrl"] = "http://127.0.0.1:9/",
        ["from"] = new JsonObject { ["id"] = "user-1", ["name"] = "User" },
        ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "Bot" },
        ["conversation"] = new JsonObject { ["id"] = conversation },
        ["text"] = text,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in new[]
        {
            ("Retrieval:IndexPath", folder.Combine("index")),
            ("Retrieval:ReloadInterval", "0"),
            ("Analytics:DatabasePath", DatabasePath),
            ("Conversations:DatabasePath", folder.Combine("data", "directline.db")),
        }.Concat(settings))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(new CapturedLog(this)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            folder.Dispose();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        folder.Dispose();
    }

    private void Append(string line)
    {
        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private sealed class CapturedLog(BotApplication app) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(app, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(BotApplication app, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None; // the configured filters apply before this

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel))
                {
                    return;
                }

                var level = logLevel switch
                {
                    LogLevel.Trace => "trce",
                    LogLevel.Debug => "dbug",
                    LogLevel.Information => "info",
                    LogLevel.Warning => "warn",
                    LogLevel.Error => "fail",
                    _ => "crit",
                };
                app.Append($"{level}: {category}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.ToString().ReplaceLineEndings(" "))}");
            }
        }
    }
}
