using System.Diagnostics;
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
        bot = await BotProcess.StartAsync(("BotFramework:ReplyAttemptTimeout", "00:00:01"), ("BotFramework:ReplyTimeout", "00:00:05"));
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
    public async Task Throttling_IsRetriedAfterTheRetryAfterTheChannelAsksFor()
    {
        channel.FailNext(1, 429, TimeSpan.FromSeconds(2));
        var clock = Stopwatch.StartNew();

        var replies = await AskThroughTheChannelAsync("What is the Shape of Caring Review?", 2);

        Assert.Equal(2, replies.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"retried after {clock.Elapsed.TotalSeconds:0.0} s");
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
    public async Task AnAttemptThatTimesOut_IsRetried()
    {
        channel.HangNext(1, TimeSpan.FromSeconds(5));

        var replies = await AskThroughTheChannelAsync("What is the Shape of Caring Review?", 2);

        Assert.Equal(2, replies.Count);
    }

    [Fact]
    public async Task ADeadServiceUrl_HoldsUpNoOtherConversation_AndItsReplyIsDroppedWithALogLine()
    {
        using var client = bot.CreateClient();
        var dead = client.PostAsync(Activities.EmulatorMessage(channel.DeadServiceUrl, "What is HEE?").With("conversation", new System.Text.Json.Nodes.JsonObject { ["id"] = "dead-one" }));
        await Task.Delay(300);
        var clock = Stopwatch.StartNew();

        var replies = await AskThroughTheChannelAsync("What is the Genomic Education Programme?", 1);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the live conversation's reply took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal("Genomic Education Programme", Cards.Blocks(replies.Single(p => !p.Path.Contains("dead", StringComparison.Ordinal)).Activity)[0]);
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
        channel.HangNext(1, TimeSpan.FromMilliseconds(800));
        using var client = bot.CreateClient();
        var inFlight = client.PostAsync(Activities.EmulatorMessage(channel.ServiceUrl, "What is the Shape of Caring Review?"));
        await Task.Delay(300);

        var exitCode = await bot.StopAsync();

        using var response = await inFlight;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, exitCode);
        var posts = channel.Posts.Where(p => p.Path.Contains("/v3/conversations/", StringComparison.Ordinal)).ToList();
        Assert.Equal("Shape of Caring Review", Cards.Blocks(posts[^1].Activity)[0]);
    }

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
