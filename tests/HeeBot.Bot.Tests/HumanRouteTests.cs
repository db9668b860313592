using System.Text.Json;
using System.Text.Json.Nodes;
using HeeBot.Bot.Faq;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary>A person to reach (<c>Faq:ContactUrl</c>) when the bot cannot help: on a decline, after "Not helpful", and when asked for one.</summary>
public sealed class HumanRouteTests : IAsyncDisposable
{
    private const string ContactUrl = "https://riverside.example/contact";
    private readonly BotApplication bot = BotApplication.WithFixture(("Faq:ContactUrl", ContactUrl));

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    private static JsonElement OpenUrl(JsonElement reply) =>
        reply.GetProperty("suggestedActions").GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("type").GetString() == "openUrl");

    [Fact]
    public async Task ADecline_OffersTheContact_BesideTheExamples()
    {
        var reply = await bot.AskAsync("where do I park at the hospital?");

        Assert.StartsWith("I don't know that one", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(("Contact the team", ContactUrl), (OpenUrl(reply).GetProperty("title").GetString(), OpenUrl(reply).GetProperty("value").GetString()));
        Assert.True(reply.GetProperty("suggestedActions").GetProperty("actions").GetArrayLength() > 1);
    }

    [Fact]
    public async Task AskingForAPerson_GetsTheContact()
    {
        var reply = await bot.AskAsync("can I talk to someone?");

        Assert.Equal(Replies.AskAPerson("Contact the team"), reply.GetProperty("text").GetString());
        Assert.Equal(ContactUrl, OpenUrl(reply).GetProperty("value").GetString());
    }

    [Fact]
    public async Task NotHelpful_IsThanked_AndOffersTheContact()
    {
        var answer = await bot.AskAsync("how can I get in touch?");
        var notHelpful = answer.GetProperty("attachments")[0].GetProperty("content").GetProperty("actions").EnumerateArray().Single(b => b.GetProperty("title").GetString() == "Not helpful");

        var reply = await bot.PressAsync(notHelpful);

        Assert.Equal(Replies.NotHelpful + Replies.OrAskAPerson("Contact the team"), reply.GetProperty("text").GetString());
        Assert.Equal(ContactUrl, OpenUrl(reply).GetProperty("value").GetString());
    }

    [Fact]
    public async Task InATeamsChannel_TheContactIsACardButton()
    {
        var question = bot.Message("where do I park at the hospital?", channel: "msteams");
        question["conversation"] = new JsonObject { ["id"] = "19:channel@thread.tacv2", ["conversationType"] = "channel" };

        var reply = Assert.Single(await bot.SendAsync(question));

        var buttons = reply.GetProperty("attachments")[0].GetProperty("content").GetProperty("actions").EnumerateArray().ToList();
        Assert.Contains(buttons, b => b.GetProperty("type").GetString() == "Action.OpenUrl" && b.GetProperty("url").GetString() == ContactUrl);
    }

    [Fact]
    public async Task WithoutAContact_AskingForAPerson_SaysSoHonestly()
    {
        await using var noContact = BotApplication.WithFixture();

        var reply = await noContact.AskAsync("can I talk to someone?");

        Assert.Equal(Replies.NoPersonHere, reply.GetProperty("text").GetString());
    }
}
