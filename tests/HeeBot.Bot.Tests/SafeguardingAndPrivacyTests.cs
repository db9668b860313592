using HeeBot.Bot.Analytics;
using HeeBot.Bot.Faq;
using HeeBot.Bot.Tests.TestInfrastructure;
using Microsoft.Data.Sqlite;

namespace HeeBot.Bot.Tests;

/// <summary>Safeguarding before anything else, personal details never logged, and the log kept only for its retention.</summary>
public sealed class SafeguardingAndPrivacyTests : IAsyncDisposable
{
    private readonly BotApplication bot = BotApplication.WithFixture();

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    private List<(string Question, string Kind)> LoggedQuestions()
    {
        using var connection = new SqliteConnection($"Data Source={bot.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT question, kind FROM questions ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    [Theory]
    [InlineData("I want to kill myself")]
    [InlineData("ive been self harming again and i dont know who to tell")]
    [InlineData("my partner hits me")]
    [InlineData("I think I'm having a heart attack")]
    [InlineData("I don't want to live anymore")]
    public async Task DistressMessages_GetTheSignpost_NeverAPassage_AndAreLoggedWithoutTheirText(string text)
    {
        var reply = await bot.AskAsync(text);

        Assert.Equal(Safeguarding.Signpost, reply.GetProperty("text").GetString());
        Assert.False(reply.TryGetProperty("attachments", out _));
        Assert.Equal([(string.Empty, "signposted")], LoggedQuestions());
    }

    [Theory]
    [InlineData("is there a killer app for nurse training?")]
    [InlineData("this review is killing me, who runs the trust?")]
    [InlineData("how can I get in touch?")]
    [InlineData("can you cut me some slack on the deadline")]
    public void OrdinaryMessages_AreNotSignposted(string text) => Assert.False(Safeguarding.NeedsSignpost(text), text);

    [Fact]
    public async Task AFigureOfSpeech_GetsAnOrdinaryReply_NotTheSignpost()
    {
        var reply = await bot.AskAsync("this review is killing me, who runs the trust?");

        Assert.NotEqual(Safeguarding.Signpost, reply.TryGetProperty("text", out var text) ? text.GetString() : null);
        Assert.NotEqual("signposted", Assert.Single(LoggedQuestions()).Kind);
    }

    [Theory]
    [InlineData("email me at jo.bloggs@nhs.net please", "email me at [email] please")]
    [InlineData("call 07700 900123 or +44 20 7946 0958", "call [phone] or [phone]")]
    [InlineData("my NHS number is 943 476 5919", "my NHS number is [NHS number]")]
    [InlineData("NI QQ 12 34 56 C, postcode SW1A 1AA", "NI [NI number], postcode [postcode]")]
    [InlineData("ref 12345678901234", "ref [number]")]
    [InlineData("conversation 51cdd2f435cf4e168b1234567890b", "conversation 51cdd2f435cf4e168b1234567890b")]
    [InlineData("what did HEE do in 2023?", "what did HEE do in 2023?")]
    [InlineData("ref \u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660", "ref [number]")] // digits other than ASCII are digits too
    [InlineData("who runs the trust, email or phone?", "who runs the trust, email or phone?")]
    public void PersonalDetails_AreReplacedByWhatTheyWere(string text, string logged) => Assert.Equal(logged, PersonalData.Scrub(text));

    [Fact]
    public async Task AQuestionFullOfPersonalDetails_IsLoggedWithoutAnyOfThem()
    {
        await bot.AskAsync("I'm jo.bloggs@nhs.net, 07700 900123, NHS no 943 476 5919, SW1A 1AA: who runs the trust?");

        var (question, _) = Assert.Single(LoggedQuestions());
        foreach (var detail in (string[])["jo.bloggs", "nhs.net", "07700", "900123", "943", "5919", "SW1A", "1AA"])
        {
            Assert.DoesNotContain(detail, question, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("who runs the trust?", question, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RowsOlderThanTheRetention_AreGoneOnceTheAppHasStarted()
    {
        var now = DateTimeOffset.UtcNow;
        await SqliteQuestionLog.Open(bot.DatabasePath).WriteAsync(
        [
            new QuestionAsked("old", now.AddDays(-91), "webchat", "u", "an old question", Outcome.Answered),
            new FeedbackGiven("old-feedback", now.AddDays(-120), "webchat", "u", "q", "a#b", 1, 0.9, Helpful: true),
            new QuestionAsked("recent", now.AddDays(-89), "webchat", "u", "a recent question", Outcome.Answered),
        ], CancellationToken.None);

        using var client = bot.CreateClient(); // starts the app: the retention (90 days by default) runs before it serves
        var report = await SqliteQuestionLog.OpenReadOnly(bot.DatabasePath).ReportAsync(DateTimeOffset.UnixEpoch, CancellationToken.None);

        Assert.Equal(["a recent question"], LoggedQuestions().Select(q => q.Question));
        Assert.Equal((1, 0), (report.Questions, report.Helpful));
        Assert.Contains("Question log retention: 2 rows older than 90 days deleted", bot.Log, StringComparison.Ordinal);
    }
}
