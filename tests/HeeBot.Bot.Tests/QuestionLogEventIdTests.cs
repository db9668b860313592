using System.Text.Json;
using HeeBot.Bot.Faq;
using HeeBot.BotFramework.Schema;

namespace HeeBot.Bot.Tests;

/// <summary>The question log's id of what an activity caused: the same on every delivery, in time order when the channel stamps it.</summary>
public sealed class QuestionLogEventIdTests
{
    [Fact]
    public void EveryDeliveryOfAStampedActivity_HasOneId_AndLaterActivitiesSortAfterEarlierOnes()
    {
        var first = Read("m-1", "conversation-1", "2026-12-03T18:55:01.123Z");
        var again = Read("m-1", "conversation-1", "2026-12-03T18:55:01.123Z");
        var later = Read("m-0", "conversation-9", "2026-12-03T18:55:01.124Z");
        var elsewhere = Read("m-1", "conversation-2", "2026-12-03T18:55:01.123Z");

        Assert.Equal(FaqBot.EventId(first), FaqBot.EventId(again));
        Assert.StartsWith("20261203T185501123-", FaqBot.EventId(first), StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(FaqBot.EventId(first), FaqBot.EventId(later)) < 0);
        Assert.NotEqual(FaqBot.EventId(first), FaqBot.EventId(elsewhere));
    }

    [Fact]
    public void AnUnstampedActivity_HasTheHashOfItsIdAlone_AndOneWithoutAnId_ANewIdEachTime()
    {
        Assert.Equal(FaqBot.EventId(Read("m-1", "c", null)), FaqBot.EventId(Read("m-1", "c", null)));
        Assert.Matches("^[0-9a-f]{32}$", FaqBot.EventId(Read("m-1", "c", null)));
        Assert.NotEqual(FaqBot.EventId(Read(null, "c", null)), FaqBot.EventId(Read(null, "c", null)));
    }

    private static Activity Read(string? id, string conversation, string? timestamp) =>
        JsonSerializer.Deserialize<Activity>(
            JsonSerializer.Serialize(new { type = "message", id, channelId = "msteams", conversation = new { id = conversation }, timestamp, text = "hello" }),
            BotJson.Options)!;
}
