using System.Text.Json;
using System.Text.Json.Nodes;
using HeeBot.Bot.Analytics;
using HeeBot.Bot.Faq;
using HeeBot.Bot.Tests.TestInfrastructure;
using HeeBot.Retrieval.Search;
using Microsoft.Extensions.DependencyInjection;

namespace HeeBot.Bot.Tests;

/// <summary>
/// The FAQ conversation through the real pipeline, in process (<see cref="BotApplication"/>), over the fixture
/// article: welcome, small talk, answers and declines, did you mean, more, tell me more, buttons and feedback. Each
/// test has an app of its own; the expected sentences come from <see cref="Replies"/>, as the bot's do.
/// </summary>
public sealed class FaqConversationTests : IAsyncDisposable
{
    private const string Subject = "the Riverside Training Trust";
    private readonly BotApplication bot = BotApplication.WithFixture(("Faq:ExampleQuestions:0", "Who runs the Trust?"), ("Faq:ExampleQuestions:1", "What programmes are there?"), ("Faq:ExampleQuestions:2", "How can I get in touch?"));

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    private IReadOnlyList<string> Sections()
    {
        using var lease = bot.Services.GetRequiredService<PassageIndex>().Acquire();
        return lease.Searcher.Sections();
    }

    private static string Text(JsonElement reply) => reply.GetProperty("text").GetString()!;

    /// <summary>What a card-only reply says in notifications: the heading of further passages.</summary>
    private static string Summary(JsonElement reply) => reply.GetProperty("summary").GetString()!;

    private static string[] SuggestedActions(JsonElement reply) =>
        [.. reply.GetProperty("suggestedActions").GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("value").GetString()!)];

    private static JsonElement[] Buttons(JsonElement reply) =>
        [.. reply.GetProperty("attachments")[0].GetProperty("content").GetProperty("actions").EnumerateArray()];

    private static JsonElement Button(JsonElement reply, string title) => Buttons(reply).Single(b => b.GetProperty("title").GetString() == title);

    private async Task<QuestionReport> ReportAsync() =>
        await SqliteQuestionLog.OpenReadOnly(bot.DatabasePath).ReportAsync(DateTimeOffset.UnixEpoch, CancellationToken.None);

    [Fact]
    public async Task ANewConversation_IsWelcomedOnce_WithTheExampleQuestions()
    {
        var update = bot.Message(string.Empty);
        update["type"] = "conversationUpdate";
        update.Remove("text");
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "user-1" });

        var welcome = Assert.Single(await bot.SendAsync(update));
        var again = await bot.SendAsync(update.DeepClone().AsObject().With("id", "activity-again"));

        Assert.Equal(Replies.Welcome("Riverside Bot", Subject), Text(welcome));
        Assert.Equal(["Who runs the Trust?", "What programmes are there?", "How can I get in touch?"], SuggestedActions(welcome));
        Assert.Empty(again);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("Good morning!")]
    [InlineData("thanks")]
    [InlineData("help")]
    [InlineData("")]
    public async Task SmallTalk_GetsItsReply(string text)
    {
        var reply = await bot.AskAsync(text);

        var expected = SmallTalk.Classify(text) switch
        {
            SmallTalk.Kind.Greeting => Replies.Greeting(Subject),
            SmallTalk.Kind.Thanks => Replies.Thanks,
            SmallTalk.Kind.Help => Replies.Help(Subject, Sections()),
            _ => Replies.AskAQuestion,
        };
        Assert.Equal(expected, Text(reply));
    }

    [Fact]
    public async Task AQuestion_IsAnsweredWithThePassageItsSectionAndFeedbackButtons_AndLogged()
    {
        var reply = await bot.AskAsync("who runs the trust?");

        Assert.Equal("Who runs the Trust?", Cards.Blocks(reply)[0]);
        Assert.Contains("The board meets every quarter.", string.Join(" ", Cards.Blocks(reply)), StringComparison.Ordinal);
        Assert.False(reply.TryGetProperty("text", out _), "the Emulator shows the card: a Markdown copy would show the answer twice");
        Assert.Equal(["Helpful", "Not helpful"], Buttons(reply).Select(b => b.GetProperty("title").GetString()).Take(2));
        var report = await ReportAsync(); // stored before the reply was sent: nothing to wait for
        Assert.Equal((1, 1), (report.Questions, report.Answered));
    }

    [Fact]
    public async Task AQuestionTheArticleCannotAnswer_IsDeclinedHonestly_WithTopicsAndExamples()
    {
        var reply = await bot.AskAsync("where do I park at the hospital?");

        Assert.Equal(Replies.Declined(Sections()), Text(reply));
        Assert.Equal(3, SuggestedActions(reply).Length);
        Assert.Equal("where do I park at the hospital?", Assert.Single((await ReportAsync()).TopDeclined).Question);
    }

    [Fact]
    public async Task TellMeMore_ShowsTheRestOfTheSection_OrSaysThatIsAll()
    {
        await bot.AskAsync("who runs the trust?");
        var more = await bot.AskAsync("tell me more");
        await bot.AskAsync("how can I get in touch?");
        var end = await bot.AskAsync("tell me more");

        Assert.Equal(Replies.MoreFrom("Who runs the Trust?"), Summary(more));
        Assert.Contains("Governors serve for four years", string.Join(" ", Cards.Blocks(more)), StringComparison.Ordinal);
        Assert.StartsWith(Replies.AllOfSection("Contact"), Text(end), StringComparison.Ordinal); // the section is one passage
    }

    [Fact]
    public async Task More_ShowsTheNextPassages_ThenSaysThereAreNoMore()
    {
        await bot.AskAsync("what programmes are there?");

        var more = await bot.AskAsync("more");
        var replies = new List<string> { Summary(more) };
        for (var i = 0; i < 5 && replies[^1] != Replies.NoMore("what programmes are there?"); i++)
        {
            var next = await bot.AskAsync("more");
            replies.Add(next.TryGetProperty("summary", out _) ? Summary(next) : Text(next));
        }

        Assert.Equal(Replies.MoreOn("what programmes are there?"), replies[0]);
        Assert.Equal(Replies.NoMore("what programmes are there?"), replies[^1]);
    }

    [Theory]
    [InlineData("more")]
    [InlineData("tell me more")]
    public async Task FollowUps_BeforeAnyQuestion_AskForAQuestionFirst(string text)
    {
        var reply = await bot.AskAsync(text, conversation: "fresh");

        Assert.Equal(text == "more" ? Replies.MoreWithoutQuestion : Replies.TellMeMoreWithoutQuestion, Text(reply));
    }

    [Fact]
    public async Task FollowUps_AreRememberedPerConversation()
    {
        await bot.AskAsync("who runs the trust?", conversation: "one");

        var other = await bot.AskAsync("tell me more", conversation: "two");

        Assert.Equal(Replies.TellMeMoreWithoutQuestion, Text(other));
    }

    [Fact]
    public async Task CloseSections_AskDidYouMean_AndEachButtonDoesWhatItSays()
    {
        var choice = await bot.AskAsync("midwives and governors"); // two sections match it equally well
        var sections = Buttons(choice).Select(b => b.GetProperty("title").GetString()!).ToList();

        Assert.Equal(Replies.DidYouMean(sections[..^1]), Summary(choice)); // said once: by the card, the summary for notifications
        Assert.Equal("None of these", sections[^1]);
        var chosen = await bot.PressAsync(Buttons(choice)[1]);
        Assert.Equal(sections[1], Cards.Blocks(chosen)[0]);
        var none = await bot.PressAsync(Button(choice, "None of these"));
        Assert.Equal(Replies.NoneOfThese(Sections()), Text(none));
        var report = await ReportAsync();
        Assert.Equal((1, 1), (report.DidYouMean, report.Misses));
    }

    [Theory]
    [InlineData("Helpful")]
    [InlineData("Not helpful")]
    public async Task Feedback_IsThankedAndLogged(string button)
    {
        var answer = await bot.AskAsync("how can I get in touch?");

        var thanks = await bot.PressAsync(Button(answer, button));

        var helpful = button == "Helpful";
        Assert.Equal(helpful ? Replies.GladItHelped : Replies.NotHelpful, Text(thanks));
        var report = await ReportAsync();
        Assert.Equal(helpful ? (1, 0) : (0, 1), (report.Helpful, report.NotHelpful));
    }

    [Theory]
    [InlineData("""{"action":"unknown"}""")]
    [InlineData("""{"action":"feedback","helpful":"very","passageId":3}""")]
    [InlineData("""{"action":"choose","passageId":"riverside#no-such-passage"}""")]
    public async Task AButtonThatIsNotOurs_GetsAnHonestReply(string value)
    {
        var press = bot.Message(string.Empty);
        press["value"] = JsonNode.Parse(value);

        var reply = Assert.Single(await bot.SendAsync(press));

        Assert.True(Text(reply) is Replies.UnknownButton or Replies.AskAQuestion, Text(reply));
    }

    [Fact]
    public async Task ARedeliveredQuestion_IsAnsweredOnce_AndLoggedOnce()
    {
        var question = bot.Message("who runs the trust?");

        var first = await bot.SendAsync(question);
        var again = await bot.SendAsync(question.DeepClone().AsObject()); // the same activity, as Teams redelivers it

        Assert.Single(first);
        Assert.Empty(again);
        Assert.Equal(1, (await ReportAsync()).Questions);
    }

    [Fact]
    public async Task AnActivityWithAHugeId_IsStillAnsweredOnce_AndAnotherOneLikeItIsNot()
    {
        // Remembered by the hash of its key (Redeliveries.MaxKeyLength), so a made-up id costs the bot little memory.
        var question = bot.Message("who runs the trust?");
        question["id"] = new string('x', 100_000) + "1";
        var other = question.DeepClone().AsObject();
        other["id"] = new string('x', 100_000) + "2";

        var first = await bot.SendAsync(question);
        var again = await bot.SendAsync(question.DeepClone().AsObject());
        var another = await bot.SendAsync(other);

        Assert.Single(first);
        Assert.Empty(again);
        Assert.Single(another);
        Assert.Equal(2, (await ReportAsync()).Questions);
    }

    [Fact]
    public async Task InATeamsChannel_TheCardCarriesTheAnswer_AndFollowUpsAreCardButtons()
    {
        var question = bot.Message("who runs the trust?", channel: "msteams");
        question["conversation"] = new JsonObject { ["id"] = "19:channel@thread.tacv2", ["conversationType"] = "channel" };

        var reply = Assert.Single(await bot.SendAsync(question));

        Assert.False(reply.TryGetProperty("text", out _));
        Assert.StartsWith("Who runs the Trust?: ", reply.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.False(reply.TryGetProperty("suggestedActions", out _));
        Assert.True(Buttons(reply).Length > 2, "follow-up sections as buttons after Helpful / Not helpful");
    }

    [Fact]
    public async Task InATeamsChannel_NoSentenceEndsOnNothing_TheExamplesAreCardButtons()
    {
        var help = bot.Message("help", channel: "msteams");
        help["conversation"] = new JsonObject { ["id"] = "19:channel@thread.tacv2", ["conversationType"] = "channel" };

        var reply = Assert.Single(await bot.SendAsync(help));

        Assert.False(reply.TryGetProperty("suggestedActions", out _)); // Teams shows none outside personal chat
        Assert.Equal(Replies.Help(Subject, Sections()), reply.GetProperty("summary").GetString());
        Assert.Equal(["Who runs the Trust?", "What programmes are there?", "How can I get in touch?"], Buttons(reply).Select(b => b.GetProperty("title").GetString()));
        var asked = await bot.PressAsync(Buttons(reply)[0]);
        Assert.Equal("Who runs the Trust?", Cards.Blocks(asked)[0]);
    }

    [Fact]
    public async Task AQuestionAskedAgainElsewhere_GetsTheCardOfItsOwnChannel_AndAgainHereTheSameCard()
    {
        var inTeams = bot.Message("who runs the trust?", channel: "msteams");
        inTeams["conversation"] = new JsonObject { ["id"] = "19:channel@thread.tacv2", ["conversationType"] = "channel" };

        var first = Assert.Single(await bot.SendAsync(bot.Message("who runs the trust?", conversation: "emulator-1")));
        var teams = Assert.Single(await bot.SendAsync(inTeams));
        var again = Assert.Single(await bot.SendAsync(bot.Message("who runs the trust?", conversation: "emulator-2")));

        Assert.Equal("Action.Submit", Button(first, "Helpful").GetProperty("type").GetString());
        Assert.Equal("Action.Execute", Button(teams, "Helpful").GetProperty("type").GetString());
        Assert.False(teams.TryGetProperty("text", out _));
        Assert.True(Buttons(teams).Length > Buttons(first).Length, "in a Teams channel the follow-ups are card buttons");
        Assert.Equal(first.GetProperty("attachments").GetRawText(), again.GetProperty("attachments").GetRawText());
        Assert.Equal("emulator-2", again.GetProperty("conversation").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("webchat", false)]
    [InlineData("directline", false)]
    [InlineData("emulator", true)]
    public async Task TheWelcome_RepliesToTheConversationUpdateById_OnlyWhereTheSdkDoes(string channel, bool hasReplyToId)
    {
        var update = bot.Message(string.Empty, conversation: $"welcome-{channel}", channel: channel);
        update["type"] = "conversationUpdate";
        update.Remove("text");
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "user-1" });

        var welcome = Assert.Single(await bot.SendAsync(update));

        Assert.Equal(hasReplyToId, welcome.TryGetProperty("replyToId", out _));
    }
}
