using HeeBot.BotFramework.DirectLine;
using HeeBot.BotFramework.Schema;
using Microsoft.Extensions.Options;

namespace HeeBot.BotFramework.Tests;

public sealed class DirectLineTranscriptTests
{
    [Fact]
    public void Transcript_KeepsOnlyTheNewestActivities_AndWatermarksKeepCounting()
    {
        var conversation = new InMemoryDirectLineConversation("c1", "u1", capacity: 3, DateTimeOffset.UnixEpoch);
        for (var i = 0; i < 5; i++)
        {
            conversation.Append(new Activity { Type = "message", Text = $"m{i}" });
        }

        var (all, watermark) = conversation.Since(null);
        var (fromOld, _) = conversation.Since("1");
        var (fromFour, _) = conversation.Since("4");

        Assert.Equal(["m2", "m3", "m4"], all.Select(a => a.Text));
        Assert.Equal("5", watermark);
        Assert.Equal(["m2", "m3", "m4"], fromOld.Select(a => a.Text));
        Assert.Equal(["m4"], fromFour.Select(a => a.Text));
        Assert.Equal("c1|0000004", fromFour[0].Id);
    }

    [Theory]
    [InlineData("not-a-number")]
    [InlineData("-1")]
    [InlineData("")]
    public void Transcript_WithAnUnreadableWatermark_ReturnsEverythingKept(string watermark)
    {
        var conversation = new InMemoryDirectLineConversation("c1", null, capacity: 10, DateTimeOffset.UnixEpoch);
        conversation.Append(new Activity { Type = "message" });

        Assert.Single(conversation.Since(watermark).Activities);
    }

    [Fact]
    public async Task Transcript_WakesWaitersWhenSomethingIsAppended()
    {
        var conversation = new InMemoryDirectLineConversation("c1", null, capacity: 10, DateTimeOffset.UnixEpoch);
        var waiting = conversation.WaitForChangeAsync();

        Assert.False(waiting.IsCompleted);
        conversation.Append(new Activity { Type = "message" });
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Store_ForgetsConversationsIdleLongerThanTheTimeout()
    {
        var clock = new ManualClock();
        var store = new InMemoryDirectLineStore(Options.Create(new DirectLineOptions { ConversationIdleTimeout = TimeSpan.FromMinutes(10) }), clock);
        store.Create("active", null);
        store.Create("idle", null);

        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.NotNull(store.Find("active"));
        clock.Advance(TimeSpan.FromMinutes(6));

        Assert.NotNull(store.Find("active"));
        Assert.Null(store.Find("idle"));
    }

    [Fact]
    public void Store_WhenFull_RefusesNewConversationsUntilIdleOnesAreForgotten()
    {
        var clock = new ManualClock();
        var store = new InMemoryDirectLineStore(Options.Create(new DirectLineOptions { MaxConversations = 2, ConversationIdleTimeout = TimeSpan.FromMinutes(10) }), clock);
        store.Create("a", null);
        store.Create("b", null);

        Assert.Null(store.Create("c", null));
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.NotNull(store.Create("c", null));
        Assert.Null(store.Find("a"));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
