using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeeBot.Bot.Tests.TestInfrastructure;
using HeeBot.Bot.Analytics;

namespace HeeBot.Bot.Tests;

/// <summary>Did you mean, follow-ups, more, tell me more, feedback and the question log, over HTTP against the bot.</summary>
public sealed class ConversationFeaturesTests(LocalBot bot) : IClassFixture<LocalBot>
{
    private const string Ambiguous = "How does HEE improve patient care and workforce challenges?";

    private static JsonObject Message(FakeChannel channel, string text, string conversation) =>
        Activities.EmulatorMessage(channel.ServiceUrl, text).With("conversation", new JsonObject { ["id"] = conversation });

    private static JsonObject Submit(FakeChannel channel, JsonElement data, string conversation)
    {
        var activity = Message(channel, string.Empty, conversation);
        activity.Remove("text");
        activity["value"] = JsonNode.Parse(data.GetRawText());
        return activity;
    }

    private static IReadOnlyList<JsonElement> Actions(JsonElement reply) =>
        [.. reply.GetProperty("attachments")[0].GetProperty("content").GetProperty("actions").EnumerateArray()];

    private async Task<JsonElement> AskAsync(JsonObject activity)
    {
        using var client = bot.App.CreateClient();
        var (response, replies) = await client.AskAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(replies);
    }

    private async Task<QuestionReport> ReportAsync() =>
        await SqliteQuestionLog.OpenReadOnly(bot.App.DatabasePath).ReportAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);

    /// <summary>The report once it shows <paramref name="expected"/>: the bot stores events from a background writer.</summary>
    private async Task<QuestionReport> ReportWhenAsync(Func<QuestionReport, bool> expected)
    {
        var report = await ReportAsync();
        for (var i = 0; i < 100 && !expected(report); i++)
        {
            await Task.Delay(50);
            report = await ReportAsync();
        }

        return report;
    }

    [Fact]
    public async Task AmbiguousQuestion_OffersAChoice_AndTheChoiceAnswersWithThatPassage()
    {
        var conversation = Guid.NewGuid().ToString("N");

        var choice = await AskAsync(Message(bot.Channel, Ambiguous, conversation));

        Assert.Equal("Did you mean: Improve Patient Outcomes; Address Workforce Challenges?", choice.GetProperty("summary").GetString());
        var buttons = Actions(choice);
        Assert.Equal(["Improve Patient Outcomes", "Address Workforce Challenges", "None of these"], buttons.Select(b => b.GetProperty("title").GetString()));
        Assert.All(buttons, b => Assert.Equal("Action.Submit", b.GetProperty("type").GetString()));

        var answer = await AskAsync(Submit(bot.Channel, buttons[1].GetProperty("data"), conversation));

        Assert.Equal("Address Workforce Challenges", Cards.Blocks(answer)[0]);
        Assert.True((await ReportWhenAsync(r => r.DidYouMean >= 1)).DidYouMean >= 1);
    }

    [Fact]
    public async Task NoneOfThese_IsRecordedAsAMiss()
    {
        var conversation = Guid.NewGuid().ToString("N");
        var choice = await AskAsync(Message(bot.Channel, Ambiguous, conversation));
        var missesBefore = (await ReportWhenAsync(r => r.DidYouMean >= 1)).Misses;

        var reply = await AskAsync(Submit(bot.Channel, Actions(choice)[^1].GetProperty("data"), conversation));

        Assert.StartsWith("Sorry I couldn't find it.", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        var report = await ReportWhenAsync(r => r.Misses > missesBefore);
        Assert.Equal(missesBefore + 1, report.Misses);
        Assert.Contains(report.TopDeclined, q => q.Question == Ambiguous);
    }

    [Fact]
    public async Task Answer_OffersFollowUpsThatLeadToTheirPassages()
    {
        var conversation = Guid.NewGuid().ToString("N");

        var answer = await AskAsync(Message(bot.Channel, "What is the Shape of Caring Review?", conversation));
        var followUps = answer.GetProperty("suggestedActions").GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("value").GetString()!).ToList();
        var next = await AskAsync(Message(bot.Channel, followUps[0], conversation));

        Assert.InRange(followUps.Count, 1, 3);
        Assert.Contains("Genomic Education Programme", followUps);
        Assert.Equal(followUps[0], Cards.Blocks(next)[0]);
    }

    [Fact]
    public async Task InATeamsChannel_FollowUpsAreCardButtons_NotSuggestedActions()
    {
        var message = Activities.TeamsChannelMessage(bot.Channel.ServiceUrl, "What is the Shape of Caring Review?");

        var answer = await AskAsync(message);

        Assert.False(answer.TryGetProperty("suggestedActions", out _));
        var followUp = Actions(answer).Single(a => a.GetProperty("title").GetString() == "Genomic Education Programme");
        Assert.Equal("Genomic Education Programme", followUp.GetProperty("data").GetProperty("question").GetString());
    }

    [Fact]
    public async Task More_PagesThroughTheRankedPassages_AndSaysWhenThereAreNoMore()
    {
        var conversation = Guid.NewGuid().ToString("N");
        var answer = await AskAsync(Message(bot.Channel, "What impact does HEE have?", conversation));
        var seen = Cards.Blocks(answer).Count(b => b.Length > 0);

        var pages = new List<JsonElement>();
        for (var i = 0; i < 6; i++)
        {
            var page = await AskAsync(Message(bot.Channel, i == 0 ? "more" : "show me more", conversation));
            pages.Add(page);
            if (!page.TryGetProperty("attachments", out _))
            {
                break;
            }
        }

        Assert.True(seen > 0);
        Assert.Equal("More on \"What impact does HEE have?\":", Cards.Blocks(pages[0])[0]);
        Assert.Matches(@"^\d\. \*\*", Cards.Blocks(pages[0])[1]);
        Assert.StartsWith("That's all I have on \"What impact does HEE have?\"", pages[^1].GetProperty("text").GetString(), StringComparison.Ordinal);
        var ranks = pages.Where(p => p.TryGetProperty("attachments", out _)).SelectMany(p => Cards.Blocks(p).Skip(1).Where((_, i) => i % 2 == 0)).ToList();
        Assert.Equal(ranks.Count, ranks.Distinct().Count());
    }

    [Fact]
    public async Task TellMeMore_ExpandsTheSectionOfTheLastAnswer()
    {
        var conversation = Guid.NewGuid().ToString("N");
        var answer = await AskAsync(Message(bot.Channel, "What are HEE's key initiatives?", conversation));

        var more = await AskAsync(Message(bot.Channel, "tell me more", conversation));

        Assert.Equal("Key Initiatives and Programs", Cards.Blocks(answer)[0]);
        var blocks = Cards.Blocks(more);
        Assert.Equal("More from \"Key Initiatives and Programs\":", blocks[0]);
        Assert.Contains("**Shape of Caring Review**", blocks);
        Assert.Contains("**Genomic Education Programme**", blocks);
    }

    [Fact]
    public async Task MoreWithoutAQuestion_AsksForOneFirst()
    {
        var reply = await AskAsync(Message(bot.Channel, "more", Guid.NewGuid().ToString("N")));

        Assert.StartsWith("Ask me a question first", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_IsStoredWithAHashedUserNeverTheName()
    {
        var conversation = Guid.NewGuid().ToString("N");
        var answer = await AskAsync(Message(bot.Channel, "What is the Genomic Education Programme?", conversation));
        var notHelpful = Actions(answer).Single(a => a.GetProperty("title").GetString() == "Not helpful");

        var reply = await AskAsync(Submit(bot.Channel, notHelpful.GetProperty("data"), conversation));

        Assert.StartsWith("Thanks for telling me.", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        var report = await ReportWhenAsync(r => r.MostNotHelpful.Any(p => p.PassageId == "hee#genomic-education-programme"));
        Assert.Contains(report.MostNotHelpful, p => p.PassageId == "hee#genomic-education-programme" && p.NotHelpful >= 1);
        var stored = await File.ReadAllBytesAsync(bot.App.DatabasePath);
        Assert.DoesNotContain("user-1", System.Text.Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeclinedQuestion_IsStored()
    {
        var question = $"What is the capital of France {Guid.NewGuid():N}?";

        await AskAsync(Message(bot.Channel, question, Guid.NewGuid().ToString("N")));

        Assert.Contains((await ReportWhenAsync(r => r.TopDeclined.Any(q => q.Question == question))).TopDeclined, q => q.Question == question);
    }
}
