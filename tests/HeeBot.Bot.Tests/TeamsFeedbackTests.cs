using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeeBot.Bot.Analytics;
using HeeBot.Bot.Faq;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary>
/// Feedback the Teams way: the answer card's buttons as Universal Actions (<c>Action.Execute</c>, the card updated in
/// place), Teams' own thumbs (<c>feedbackLoopEnabled</c>, <c>message/submitAction</c>) and reactions on an answer, each
/// recorded in the question log. The answer goes to a fake Teams channel, which gives it an id, as Teams does.
/// </summary>
public sealed class TeamsFeedbackTests(LocalBot bot) : IClassFixture<LocalBot>
{
    private async Task<QuestionReport> ReportAsync() =>
        await SqliteQuestionLog.OpenReadOnly(bot.App.DatabasePath).ReportAsync(DateTimeOffset.UnixEpoch, CancellationToken.None);

    /// <summary>Asks in a personal chat; the answer is posted to the channel; returns it and the id the channel gave it.</summary>
    private async Task<(JsonElement Answer, string MessageId)> AskAsync(HttpClient client, string conversation)
    {
        bot.Channel.Clear();
        var question = Activities.TeamsPersonalMessage(bot.Channel.ServiceUrl, "What is the Shape of Caring Review?").With("conversation", new JsonObject { ["id"] = conversation, ["conversationType"] = "personal" });
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(question)).StatusCode);
        var posts = await bot.Channel.WaitForPostsAsync(1);
        return (posts[0].Activity, "channel-activity-1"); // the id the fake channel answered the post with
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string conversation, string type, Action<JsonObject> shape)
    {
        var activity = Activities.TeamsPersonalMessage(bot.Channel.ServiceUrl, string.Empty).With("conversation", new JsonObject { ["id"] = conversation, ["conversationType"] = "personal" });
        activity.Remove("text");
        activity["type"] = type;
        shape(activity);
        return await client.PostAsJsonAsync("/api/messages", activity);
    }

    [Fact]
    public async Task TheCardsButtons_AreUniversalActions_AndTheCardIsThankedInPlace()
    {
        using var client = bot.App.CreateClient();
        var (answer, _) = await AskAsync(client, "a:feedback-execute");
        var helpfulBefore = (await ReportAsync()).Helpful;

        Assert.True(answer.GetProperty("channelData").GetProperty("feedbackLoopEnabled").GetBoolean());
        var button = answer.GetProperty("attachments")[0].GetProperty("content").GetProperty("actions")[0];
        Assert.Equal(("Action.Execute", "feedback"), (button.GetProperty("type").GetString(), button.GetProperty("verb").GetString()));
        using var response = await SendAsync(client, "a:feedback-execute", "invoke", invoke =>
        {
            invoke["name"] = "adaptiveCard/action";
            invoke["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "feedback", ["data"] = JsonNode.Parse(button.GetProperty("data").GetRawText()) } };
        });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.RootElement.GetProperty("type").GetString());
        var card = body.RootElement.GetProperty("value");
        Assert.Equal("Shape of Caring Review", card.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Contains(card.GetProperty("body").EnumerateArray(), b => b.GetProperty("text").GetString() == Replies.GladItHelped);
        Assert.False(card.TryGetProperty("actions", out _)); // the buttons are gone: the card says thanks instead
        Assert.Equal(helpfulBefore + 1, (await ReportAsync()).Helpful);
    }

    [Fact]
    public async Task TeamsThumbs_AndReactionsOnAnAnswer_AreRecorded()
    {
        using var client = bot.App.CreateClient();
        var (_, messageId) = await AskAsync(client, "a:feedback-thumbs");
        var before = await ReportAsync();

        using var thumbs = await SendAsync(client, "a:feedback-thumbs", "invoke", invoke =>
        {
            invoke["name"] = "message/submitAction";
            invoke["replyToId"] = messageId;
            invoke["value"] = new JsonObject { ["actionName"] = "feedback", ["actionValue"] = new JsonObject { ["reaction"] = "dislike", ["feedback"] = "{\"feedbackText\":\"not what I asked\"}" } };
        });
        using var reaction = await SendAsync(client, "a:feedback-thumbs", "messageReaction", activity =>
        {
            activity["replyToId"] = messageId;
            activity["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = "like" });
        });
        using var unknown = await SendAsync(client, "a:feedback-thumbs", "messageReaction", activity =>
        {
            activity["replyToId"] = "a-message-the-bot-never-sent";
            activity["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = "like" });
        });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (thumbs.StatusCode, reaction.StatusCode, unknown.StatusCode));
        var after = await ReportAsync();
        Assert.Equal((before.NotHelpful + 1, before.Helpful + 1), (after.NotHelpful, after.Helpful));
        Assert.Contains(after.MostNotHelpful, p => p.PassageId == "hee#shape-of-caring-review");
    }
}
