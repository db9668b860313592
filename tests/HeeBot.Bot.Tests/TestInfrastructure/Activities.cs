using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>Activities shaped as the Emulator and Teams send them (botframework-protocol.md §2.4, §4).</summary>
public static class Activities
{
    public const string BotId = "28:test-app-id";
    public const string BotName = "HEE Bot";
    public const string TeamsChannelConversation = "19:a1b2c3@thread.tacv2;messageid=1700000000000";

    public static JsonObject EmulatorConversationUpdate(string serviceUrl, string userId = "user-1") => Base("conversationUpdate", "emulator", serviceUrl, "conv-1|livechat", userId, "bot-1", "Bot")
        .With("membersAdded", new JsonArray(
            new JsonObject { ["id"] = userId, ["name"] = "User" },
            new JsonObject { ["id"] = "bot-1", ["name"] = "Bot" }));

    public static JsonObject EmulatorMessage(string serviceUrl, string text) =>
        Base("message", "emulator", serviceUrl, "conv-1|livechat", "user-1", "bot-1", "Bot").With("text", text).With("textFormat", "plain");

    /// <summary>A message in a Teams channel: text with the bot's &lt;at&gt; mention, and the mention entity.</summary>
    public static JsonObject TeamsChannelMessage(string serviceUrl, string question) =>
        Base("message", "msteams", serviceUrl, TeamsChannelConversation, "29:user-aad", BotId, BotName)
            .With("text", $"\r\n<at>{BotName}</at> {question}\r\n")
            .With("entities", new JsonArray(new JsonObject
            {
                ["type"] = "mention",
                ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
                ["text"] = $"<at>{BotName}</at>",
            }))
            .With("channelData", new JsonObject
            {
                ["tenant"] = new JsonObject { ["id"] = "tenant-1" },
                ["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2" },
                ["channel"] = new JsonObject { ["id"] = "19:a1b2c3@thread.tacv2" },
            })
            .WithConversation(conversationType: "channel", isGroup: true);

    public static JsonObject TeamsPersonalMessage(string serviceUrl, string text) =>
        Base("message", "msteams", serviceUrl, "a:personal-chat-1", "29:user-aad", BotId, BotName)
            .With("text", text)
            .With("channelData", new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } })
            .WithConversation(conversationType: "personal", isGroup: false);

    public static JsonObject With(this JsonObject activity, string name, JsonNode? value)
    {
        activity[name] = value;
        return activity;
    }

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, JsonObject activity, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Posts with <c>deliveryMode: expectReplies</c> and returns the replies from the response body.</summary>
    public static async Task<(HttpResponseMessage Response, IReadOnlyList<JsonElement> Replies)> AskAsync(this HttpClient client, JsonObject activity, string? token = null)
    {
        var response = await client.PostAsync(activity.With("deliveryMode", "expectReplies"), token);
        if (!response.IsSuccessStatusCode)
        {
            return (response, []);
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response, [.. body.RootElement.GetProperty("activities").EnumerateArray().Select(e => e.Clone())]);
    }

    private static JsonObject Base(string type, string channelId, string serviceUrl, string conversationId, string userId, string botId, string botName) => new()
    {
        ["type"] = type,
        ["id"] = $"{type}-{Guid.NewGuid():N}",
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["channelId"] = channelId,
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = userId, ["name"] = "User" },
        ["recipient"] = new JsonObject { ["id"] = botId, ["name"] = botName, ["role"] = "bot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["locale"] = "en-GB",
    };

    private static JsonObject WithConversation(this JsonObject activity, string conversationType, bool isGroup)
    {
        var conversation = activity["conversation"]!.AsObject();
        conversation["conversationType"] = conversationType;
        conversation["isGroup"] = isGroup;
        conversation["tenantId"] = "tenant-1";
        return activity;
    }
}
