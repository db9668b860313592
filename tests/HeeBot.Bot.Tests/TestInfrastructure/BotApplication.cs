using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeeBot.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>
/// The whole app in the test process (<see cref="WebApplicationFactory{TEntryPoint}"/>): the real pipeline from
/// <c>/api/messages</c> to the reply, over the fixture article (Riverside Training Trust) in lexical mode, with its
/// own index and question log in a temp folder. One per test, so nothing carries over and nothing needs clearing.
/// </summary>
public sealed class BotApplication(params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
    private readonly TempFolder folder = new();
    private int next;

    public string DatabasePath => folder.Combine("data", "heebot.db");

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
            ("Retrieval:KnowledgePath", Repository.FixtureKnowledge),
            ("Retrieval:IndexPath", folder.Combine("index")),
            ("Retrieval:Semantic", "false"),
            ("Retrieval:ReloadInterval", "0"),
            ("Analytics:DatabasePath", DatabasePath),
            ("Faq:BotName", "Riverside Bot"),
            ("Faq:Subject", "the Riverside Training Trust"),
        }.Concat(settings))
        {
            builder.UseSetting(key, value);
        }
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
}
