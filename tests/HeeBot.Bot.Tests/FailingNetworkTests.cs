using System.Net;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary>
/// Replies through a channel that fails: 500s, 429 with Retry-After, closed connections and timeouts are retried
/// until the reply gets through; a serviceUrl that never answers holds up no other conversation; and a bot told to
/// stop finishes the turns it has started.
/// </summary>
public sealed class FailingNetworkTests : IAsyncLifetime
{
    private FakeChannel channel = null!;
    private BotProcess bot = null!;

    public async Task InitializeAsync()
    {
        channel = await FakeChannel.StartAsync();
        bot = await BotProcess.StartAsync(("BotFramework:ReplyAttemptTimeout", "00:00:03"), ("BotFramework:ReplyTimeout", "00:00:06"));
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await channel.DisposeAsync();
    }

    [Theory]
    [InlineData("500 twice", 500, 2)]
    [InlineData("502 once", 502, 1)]
    [InlineData("408 once", 408, 1)]
    public async Task ServerErrors_AreRetriedUntilTheReplyGetsThrough(string name, int status, int times)
    {
        channel.FailNext(times, status);

        var replies = await AskThroughTheChannelAsync("What is the Shape of Caring Review?", times + 1);

        Assert.True(replies.Count == times + 1, $"{name}: {replies.Count} posts");
        Assert.Equal("Shape of Caring Review", Cards.Blocks(replies[^1].Activity)[0]);
    }

    [Fact]
    public async Task Throttling_IsRetried()
    {
        channel.FailNext(1, 429, TimeSpan.FromSeconds(1));

        var replies = await AskThroughTheChannelAsync("What is the Shape of Caring Review?", 2);

        Assert.Equal(2, replies.Count);
        Assert.Equal("Shape of Caring Review", Cards.Blocks(replies[^1].Activity)[0]);
    }

    [Fact]
    public async Task Throttling_HonoursARetryAfterBeyondTheReplyBudget_ByNotRetryingEarly()
    {
        // The channel asks for a minute's pause; the reply's budget (ReplyTimeout) is 6 s. Honouring the channel
        // means giving the reply up, never sending it again before the minute is over.
        channel.FailNext(1, 429, TimeSpan.FromMinutes(1));
        using var client = bot.CreateClient();
        channel.Clear();

        using var response = await client.PostAsync(Activities.EmulatorMessage(channel.ServiceUrl, "What is the Shape of Caring Review?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the turn ended: the reply was given up
        Assert.Contains("Turn message on emulator failed", await bot.WaitForLogAsync("Turn message on emulator failed"), StringComparison.Ordinal);
        // The answer went once; what followed it is the turn's apology, not the answer again.
        Assert.Single(channel.Posts, IsTheAnswer);
        Assert.All(channel.Posts.Skip(1), p => Assert.Equal("Sorry, something went wrong on my side. Please try asking again.", p.Text));
    }

    [Fact]
    public async Task AClosedConnection_IsRetried()
    {
        channel.AbortNext(1);

        var replies = await AskThroughTheChannelAsync("What is the Shape of Caring Review?", 2);

        Assert.Equal(2, replies.Count);
        Assert.Equal("Shape of Caring Review", Cards.Blocks(replies[^1].Activity)[0]);
    }

    [Fact]
    public async Task AnAttemptThatTimesOut_IsNotSentAgain()
    {
        // The channel got the reply and did not answer in time: it may show it, so it is not sent a second time.
        channel.HangNext(1, TimeSpan.FromSeconds(10));
        channel.Clear();
        using var client = bot.CreateClient();

        using var response = await client.PostAsync(Activities.EmulatorMessage(channel.ServiceUrl, "What is the Shape of Caring Review?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Turn message on emulator failed", await bot.WaitForLogAsync("Turn message on emulator failed"), StringComparison.Ordinal);
        Assert.Single(channel.Posts, IsTheAnswer);
    }

    [Fact]
    public async Task ADeadServiceUrl_HoldsUpNoOtherConversation_AndItsReplyIsDroppedWithALogLine()
    {
        using var client = bot.CreateClient();
        var dead = client.PostAsync(Activities.EmulatorMessage(channel.DeadServiceUrl, "What is HEE?").With("conversation", new System.Text.Json.Nodes.JsonObject { ["id"] = "dead-one" }));
        await channel.WaitForPostAsync(p => p.Path.Contains("/dead/", StringComparison.Ordinal)); // its reply hangs there now

        using var live = await client.PostAsync(Activities.EmulatorMessage(channel.ServiceUrl, "What is the Genomic Education Programme?"));
        var answer = await channel.WaitForPostAsync(p => p.Path.StartsWith("/amer/", StringComparison.Ordinal));

        // The live conversation was answered while the dead one's reply was still being tried.
        Assert.False(dead.IsCompleted, "the dead conversation's turn ended before the live one was answered");
        Assert.Equal("Genomic Education Programme", Cards.Blocks(answer.Activity)[0]);
        using var response = await dead;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Turn message on emulator failed", await bot.WaitForLogAsync("Turn message on emulator failed"), StringComparison.Ordinal);
        var (ok, answered) = await client.AskAsync(Activities.EmulatorMessage(channel.ServiceUrl, "What is HEE?"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Single(answered);
    }

    [Fact]
    public async Task Stopping_FinishesTheTurnsInFlight()
    {
        channel.Clear();
        channel.HangNext(1, TimeSpan.FromMilliseconds(800)); // within the 3 s attempt timeout: one attempt, held
        using var client = bot.CreateClient();
        var inFlight = client.PostAsync(Activities.EmulatorMessage(channel.ServiceUrl, "What is the Shape of Caring Review?"));
        await channel.WaitForPostAsync(_ => true); // the reply is on its way: the turn is in flight

        var exitCode = await bot.StopAsync();

        using var response = await inFlight;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, exitCode);
        var posts = channel.Posts.Where(p => p.Path.Contains("/v3/conversations/", StringComparison.Ordinal)).ToList();
        Assert.Equal("Shape of Caring Review", Cards.Blocks(posts[^1].Activity)[0]);
    }

    private static bool IsTheAnswer(RecordedPost post) =>
        post.Activity.TryGetProperty("attachments", out _) && Cards.Blocks(post.Activity)[0] == "Shape of Caring Review";

    /// <summary>Asks without expectReplies, so the answer goes back through the channel; waits for that many posts.</summary>
    private async Task<IReadOnlyList<RecordedPost>> AskThroughTheChannelAsync(string question, int posts)
    {
        channel.Clear();
        using var client = bot.CreateClient();
        using var response = await client.PostAsync(Activities.EmulatorMessage(channel.ServiceUrl, question));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await channel.WaitForPostsAsync(posts);
    }
}
