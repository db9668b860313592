using System.Text.Json;
using System.Text.Json.Nodes;
using HeeBot.Bot.Faq;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary>
/// How Teams tells a bot it was installed, removed, and that people joined: one introduction when the bot is added to a
/// team, a group chat or a personal chat; nothing when other people join a team; forgotten when it is removed. In process.
/// </summary>
public sealed class TeamsLifecycleTests : IAsyncDisposable
{
    private const string Team = "19:general@thread.tacv2";
    private readonly BotApplication bot = BotApplication.WithFixture();

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    private JsonObject Teams(string type, string conversation, string conversationType)
    {
        var activity = bot.Message(string.Empty, conversation, "msteams");
        activity.Remove("text");
        activity["type"] = type;
        activity["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = conversationType };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } };
        return activity;
    }

    private JsonObject MembersAdded(string conversation, string conversationType, string member)
    {
        var update = Teams("conversationUpdate", conversation, conversationType);
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = member });
        return update;
    }

    private JsonObject Installation(string conversation, string conversationType, string action)
    {
        var update = Teams("installationUpdate", conversation, conversationType);
        update["action"] = action;
        return update;
    }

    private static bool IsIntroduction(JsonElement reply) =>
        (reply.TryGetProperty("summary", out var s) ? s.GetString() : reply.GetProperty("text").GetString())!.StartsWith("Hello! I'm Riverside Bot.", StringComparison.Ordinal);

    [Fact]
    public async Task AddedToATeam_IntroducesItselfOnce_AndSaysNothingWhenPeopleJoin()
    {
        var onInstall = await bot.SendAsync(Installation(Team, "channel", "add"));
        var botAdded = await bot.SendAsync(MembersAdded(Team, "channel", "bot-1")); // Teams sends both on install
        var someoneJoins = await bot.SendAsync(MembersAdded(Team, "channel", "29:new-starter"));

        Assert.True(IsIntroduction(Assert.Single(onInstall)));
        Assert.Empty(botAdded);
        Assert.Empty(someoneJoins);
    }

    [Theory]
    [InlineData("groupChat", "19:group@thread.v2")]
    [InlineData("personal", "a:personal-chat")]
    public async Task AddedToAGroupOrPersonalChat_IntroducesItselfOnce(string conversationType, string conversation)
    {
        var botAdded = await bot.SendAsync(MembersAdded(conversation, conversationType, "bot-1"));
        var onInstall = await bot.SendAsync(Installation(conversation, conversationType, "add"));

        Assert.True(IsIntroduction(Assert.Single(botAdded)));
        Assert.Empty(onInstall);
    }

    [Fact]
    public async Task Removed_ForgetsTheConversation_SoANewInstallIsIntroducedAgain()
    {
        await bot.SendAsync(Installation(Team, "channel", "add"));
        var remove = await bot.SendAsync(Installation(Team, "channel", "remove"));
        var again = await bot.SendAsync(Installation(Team, "channel", "add"));

        Assert.Empty(remove);
        Assert.True(IsIntroduction(Assert.Single(again)));
    }

    [Fact]
    public async Task TheIntroductionInAChannel_OffersItsExamplesAsCardButtons()
    {
        var reply = Assert.Single(await bot.SendAsync(Installation(Team, "channel", "add")));

        Assert.False(reply.TryGetProperty("suggestedActions", out _));
        Assert.Equal(Replies.Welcome("Riverside Bot", "the Riverside Training Trust"), reply.GetProperty("summary").GetString());
        Assert.NotEmpty(reply.GetProperty("attachments")[0].GetProperty("content").GetProperty("actions").EnumerateArray());
    }
}
