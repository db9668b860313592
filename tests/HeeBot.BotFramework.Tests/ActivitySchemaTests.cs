using System.Text.Json;
using System.Text.Json.Nodes;
using HeeBot.BotFramework.Schema;

namespace HeeBot.BotFramework.Tests;

public sealed class ActivitySchemaTests
{
    private const string TeamsMessage = """
        {"type":"message","id":"1700000000000","timestamp":"2026-11-23T10:00:00.123Z","serviceUrl":"https://smba.trafficmanager.net/amer/",
         "channelId":"msteams","from":{"id":"29:user","name":"Ada","aadObjectId":"aad-1"},
         "conversation":{"id":"19:x@thread.tacv2;messageid=1","conversationType":"channel","tenantId":"t1","isGroup":true},
         "recipient":{"id":"28:bot","name":"HEE Bot"},"text":"<at>HEE Bot</at> hi","textFormat":"plain","locale":"en-GB",
         "entities":[{"type":"mention","mentioned":{"id":"28:bot","name":"HEE Bot"},"text":"<at>HEE Bot</at>"},{"type":"clientInfo","country":"GB"}],
         "channelData":{"tenant":{"id":"t1"},"team":{"id":"19:team"}},"attachments":[{"contentType":"text/html","content":"<p>hi</p>"}],
         "someFutureField":{"nested":[1,2,3]}}
        """;

    [Fact]
    public void Deserialize_ThenSerialize_KeepsEveryPropertyIncludingUnknownOnes()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsMessage, BotJson.Options)!;

        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, BotJson.Options))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TeamsMessage), written), written.ToJsonString());
        Assert.Equal("GB", activity.Entities![1].Extra!["country"].GetString());
        Assert.Equal("19:team", activity.ChannelData!.Value.GetProperty("team").GetProperty("id").GetString());
    }

    [Fact]
    public void Serialize_WritesAnElementAsItsOwnText_WhateverItsFormatting()
    {
        var card = JsonSerializer.SerializeToElement(new JsonObject { ["text"] = "Doctors’ lives · 55%", ["n"] = 1.50 }, BotJson.Options);
        using var spaced = JsonDocument.Parse("""{ "team" : { "id" : "19:team" } }""");
        var activity = new Activity { Type = "message", Attachments = [new Attachment { Content = card }], ChannelData = spaced.RootElement };

        var json = JsonSerializer.Serialize(activity, BotJson.Options);

        Assert.Equal("""{"type":"message","attachments":[{"content":{"text":"Doctors’ lives · 55%","n":1.5}}],"channelData":{ "team" : { "id" : "19:team" } }}""", json);
        Assert.Equal("19:team", JsonNode.Parse(json)!["channelData"]!["team"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void Serialize_OmitsNullsAndWritesCamelCase()
    {
        var json = JsonSerializer.Serialize(new Activity { Type = "message", Text = "hi", ReplyToId = "1" }, BotJson.Options);

        Assert.Equal("""{"type":"message","text":"hi","replyToId":"1"}""", json);
    }

    [Fact]
    public void Deserialize_ReadsNamesCaseInsensitively()
    {
        var activity = JsonSerializer.Deserialize<Activity>("""{"Type":"message","TEXT":"hi"}""", BotJson.Options)!;

        Assert.Equal(("message", "hi"), (activity.Type, activity.Text));
    }

    [Fact]
    public void CreateReply_BuildsTheReplyAsTheSdkDoes()
    {
        var incoming = JsonSerializer.Deserialize<Activity>(TeamsMessage, BotJson.Options)!;

        var reply = incoming.CreateReply("answer");

        Assert.Equal("message", reply.Type);
        Assert.Equal(("28:bot", "HEE Bot"), (reply.From!.Id, reply.From.Name));
        Assert.Equal(("29:user", "Ada"), (reply.Recipient!.Id, reply.Recipient.Name));
        Assert.Equal(("19:x@thread.tacv2;messageid=1", true), (reply.Conversation!.Id, reply.Conversation.IsGroup));
        Assert.Equal(("msteams", "https://smba.trafficmanager.net/amer/", "en-GB"), (reply.ChannelId, reply.ServiceUrl, reply.Locale));
        Assert.Equal("1700000000000", reply.ReplyToId);
        Assert.Equal(InputHints.AcceptingInput, reply.InputHint);
        Assert.Null(reply.Id);
    }

    [Theory]
    [InlineData("<at>HEE Bot</at> what is HEE?", "what is HEE?")]
    [InlineData("\r\n<at>HEE Bot</at> what is HEE?\r\n", "what is HEE?")]
    [InlineData("<AT>HEE Bot</AT>what is HEE?", "what is HEE?")]
    [InlineData("what is <at>HEE Bot</at> for", "what is for")]
    [InlineData("ask <at>Ada Lovelace</at> and me", "ask Ada Lovelace and me")]
    [InlineData("no mention at all", "no mention at all")]
    public void TextWithoutRecipientMention_RemovesTheBotsMentionAndStrayTags(string text, string expected)
    {
        var activity = new Activity
        {
            Text = text,
            Recipient = new ChannelAccount { Id = "28:bot" },
            Entities =
            [
                new Entity { Type = "mention", Mentioned = new ChannelAccount { Id = "28:bot", Name = "HEE Bot" }, Text = "<at>HEE Bot</at>" },
                new Entity { Type = "mention", Mentioned = new ChannelAccount { Id = "29:ada", Name = "Ada Lovelace" }, Text = "<at>Ada Lovelace</at>" },
            ],
        };

        Assert.Equal(expected, activity.TextWithoutRecipientMention());
    }
}
