using System.Text;
using HeeBot.Bot.Faq;
using HeeBot.Bot.Tests.TestInfrastructure;
using HeeBot.Tests;

namespace HeeBot.Bot.Tests;

/// <summary>
/// Teams refuses messages over about 40 KB (413 MessageSizeTooBig). A section far longer than that is shown a page at a
/// time by "tell me more", each page under the limit, every passage once, in process over a knowledge folder made here.
/// </summary>
public sealed class MessageSizeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Paragraphs = 40;
    private static readonly string[] Topics = ["harbour", "beacon", "keeper", "storm", "lantern", "reef", "tide", "signal"];

    [Fact]
    public async Task TellMeMore_OnALongSection_PagesItUnder40KB_AndShowsEveryPassageOnce()
    {
        using var knowledge = new TempFolder();
        await File.WriteAllTextAsync(knowledge.Combine("lighthouse.md"), Article());
        await using var bot = BotApplication.WithFixture(("Retrieval:KnowledgePath", knowledge.Path));

        var answer = await bot.AskAsync("What is the long history of the Lighthouse Guild?", channel: "msteams");
        var replies = new List<System.Text.Json.JsonElement> { answer };
        var seen = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var more = await bot.AskAsync("tell me more", channel: "msteams");
            replies.Add(more);
            if (!more.TryGetProperty("attachments", out var attachments))
            {
                Assert.StartsWith(Replies.AllOfSection("Long history of the Lighthouse Guild"), more.GetProperty("text").GetString(), StringComparison.Ordinal);
                break;
            }

            seen.AddRange(Cards.Blocks(more).Where(b => b.Contains("Paragraph", StringComparison.Ordinal)));
        }

        var largest = replies.Max(r => Encoding.UTF8.GetByteCount(r.GetRawText()));
        output.WriteLine($"{replies.Count} messages, the largest {largest} bytes, {seen.Count} passages shown");
        Assert.True(largest < 40_000, $"the largest message is {largest} bytes");
        Assert.True(replies.Count > 3, "the section took more than one page");
        Assert.Equal(Paragraphs - 1, seen.Count); // all but the answer itself
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    /// <summary>One section of 40 paragraphs of about 1,000 characters each: some 40 KB, more than a message may carry.</summary>
    private static string Article()
    {
        var text = new StringBuilder("""
            ---
            title: Lighthouse Guild
            source: Test fixture
            ---

            # Lighthouse Guild

            ## Long history of the Lighthouse Guild

            """);
        for (var p = 1; p <= Paragraphs; p++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Paragraph {p} of the long history.");
            for (var s = 0; s < 14; s++)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $" The {Topics[(p + s) % Topics.Length]} records of year {1800 + (p * 14) + s} tell of the guild and its {Topics[(p * s) % Topics.Length]}.");
            }

            text.Append("\n\n");
        }

        return text.ToString();
    }
}
