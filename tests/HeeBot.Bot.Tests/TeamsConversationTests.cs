using System.Net;
using HeeBot.Bot.Tests.TestInfrastructure;
using Xunit.Abstractions;

namespace HeeBot.Bot.Tests;

/// <summary>Teams-shaped conversations (channel, group chat, personal chat) against the listening bot.</summary>
public sealed class TeamsConversationTests(LocalBot bot, ITestOutputHelper output) : IClassFixture<LocalBot>
{
    private FakeChannel Channel => bot.Channel;

    [Fact]
    public async Task Transcript_TeamsChannel_MentionIsStrippedAndTheQuestionAnsweredInTheThread()
    {
        Channel.Clear();
        using var client = bot.App.CreateClient();
        var message = Activities.TeamsChannelMessage(Channel.ServiceUrl, "what is the Shape of Caring Review");

        var response = await client.PostAsync(message);
        var posts = await Channel.WaitForPostsAsync(1);

        Transcript.Write(output, "Teams channel conversation", [message], posts);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(posts);
        Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString(Activities.TeamsChannelConversation)}/activities/{message["id"]}", reply.Path);
        Assert.Equal("Shape of Caring Review", Cards.Blocks(reply.Activity)[0]);
        Assert.Equal(Activities.BotId, reply.Activity.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal("29:user-aad", reply.Activity.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal(message["id"]!.GetValue<string>(), reply.Activity.GetProperty("replyToId").GetString());
        // Teams would split text and card into two messages: the card carries the answer, the summary the notification.
        Assert.False(reply.Activity.TryGetProperty("text", out _));
        Assert.StartsWith("Shape of Caring Review: A comprehensive review", reply.Activity.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamsGroupChat_MentionGluedToTheNextWord_IsStillAnswered()
    {
        using var client = bot.App.CreateClient();
        var message = Activities.TeamsChannelMessage(Channel.ServiceUrl, "ignored");
        message["text"] = $"<at>{Activities.BotName}</at>genomic education programme";
        message["conversation"]!["conversationType"] = "groupChat";

        var (_, replies) = await client.AskAsync(message);

        Assert.Equal("Genomic Education Programme", Cards.Blocks(Assert.Single(replies))[0]);
    }

    [Fact]
    public async Task TeamsPersonalChat_QuestionWithoutMention_IsAnswered()
    {
        using var client = bot.App.CreateClient();

        var (_, replies) = await client.AskAsync(Activities.TeamsPersonalMessage(Channel.ServiceUrl, "How does HEE support junior doctors?"));

        Assert.Equal("Enhancing Junior Doctors’ Working Lives", Cards.Blocks(Assert.Single(replies))[0]);
    }

    [Fact]
    public async Task TeamsChannel_OnlyTheMention_GetsExampleQuestions()
    {
        using var client = bot.App.CreateClient();
        var message = Activities.TeamsChannelMessage(Channel.ServiceUrl, string.Empty);

        var (_, replies) = await client.AskAsync(message);

        // Teams shows no suggested actions in a channel: the examples come as card buttons under the sentence.
        var reply = Assert.Single(replies);
        Assert.Equal("Ask me a question, for example:", reply.GetProperty("summary").GetString());
        Assert.False(reply.TryGetProperty("suggestedActions", out _));
        Assert.Equal(3, reply.GetProperty("attachments")[0].GetProperty("content").GetProperty("actions").GetArrayLength());
    }
}
