using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary>
/// The catalogue of bad input at /api/messages, each with its defined outcome (README, "Bad input"): a status, and
/// for what is accepted, the reply. After each, the bot still answers and has logged nothing at error level.
/// </summary>
public sealed class HostileInputTests(LocalBot bot) : IClassFixture<LocalBot>
{
    private const string TurnError = "Sorry, something went wrong on my side. Please try asking again.";

    /// <summary>Bodies the bot refuses before any turn: raw text, because most of them are not valid activities.</summary>
    public static TheoryData<string, string, HttpStatusCode> Refused => new()
    {
        { "invalid JSON", "{\"type\": \"message\", \"text\": ", HttpStatusCode.BadRequest },
        { "JSON nested 10,000 deep", new string('[', 10_000) + new string(']', 10_000), HttpStatusCode.BadRequest },
        { "text is a number", Message("\"text\": 5"), HttpStatusCode.BadRequest },
        { "from is a string", Message("\"from\": \"user\""), HttpStatusCode.BadRequest },
        { "entities is an object", Message("\"entities\": {\"type\": \"mention\"}"), HttpStatusCode.BadRequest },
        { "no type", "{\"text\": \"What is HEE?\"}", HttpStatusCode.BadRequest },
        { "lone surrogate escapes", Message("\"text\": \"\\ud800 What is HEE? \\udfff\""), HttpStatusCode.BadRequest },
        { "1 MB of text", Message($"\"text\": \"{new string('a', 1024 * 1024)}\""), HttpStatusCode.RequestEntityTooLarge },
        { "no serviceUrl or conversation, replies by the Connector", "{\"type\": \"message\", \"text\": \"What is HEE?\", \"channelId\": \"emulator\", \"from\": {\"id\": \"u\"}}", HttpStatusCode.BadRequest },
        { "serviceUrl outside loopback in local mode", "{\"type\": \"message\", \"text\": \"What is HEE?\", \"channelId\": \"emulator\", \"serviceUrl\": \"https://attacker.example/\", \"conversation\": {\"id\": \"c\"}, \"from\": {\"id\": \"u\"}}", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task RefusedInput_GetsItsStatus_AndTheBotKeepsServing(string name, string body, HttpStatusCode expected)
    {
        using var client = bot.App.CreateClient();

        using var response = await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(expected == response.StatusCode, $"{name}: {(int)response.StatusCode}");
        await AssertStillServingAsync(client);
    }

    [Theory]
    [InlineData("empty text", "")]
    [InlineData("only whitespace", " \t\r\n \u00a0 ")]
    public async Task NoWords_GetsAskMeAQuestionWithExamples(string name, string text)
    {
        var replies = await AskAsync(Activities.EmulatorMessage(bot.Channel.ServiceUrl, text));

        Assert.StartsWith("Ask me a question", Assert.Single(replies).GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.NotNull(name);
    }

    [Fact]
    public async Task AttachmentsOnly_GetsAskMeAQuestionWithExamples()
    {
        var message = Activities.EmulatorMessage(bot.Channel.ServiceUrl, "x");
        message.Remove("text");
        message["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = "http://127.0.0.1:9/cat.png" });

        var replies = await AskAsync(message);

        Assert.StartsWith("Ask me a question", Assert.Single(replies).GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zero-width and right-to-left marks", "What\u200b is the Shape of\u200f Caring \u202eReview?", "Shape of Caring Review")]
    [InlineData("NUL bytes and control characters", "What is the\u0000 Shape of Caring\u001b[2J Review?", "Shape of Caring Review")]
    [InlineData("HTML tags", "What is the <b onmouseover=\"alert(1)\">Shape of Caring</b> Review?", "Shape of Caring Review")]
    [InlineData("encoded script tag", "&lt;script&gt;alert(1)&lt;/script&gt; What is the Genomic Education Programme?", "Genomic Education Programme")]
    [InlineData("emoji", "🙂 What is the Genomic Education Programme? 🧬", "Genomic Education Programme")]
    public async Task WordsAmongNoise_AreAnswered(string name, string text, string section)
    {
        var replies = await AskAsync(Activities.EmulatorMessage(bot.Channel.ServiceUrl, text));

        var reply = Assert.Single(replies);
        Assert.True(section == Cards.Blocks(reply)[0], $"{name}: {Cards.Blocks(reply)[0]}");
        AssertNoMarkup(reply);
    }

    [Theory]
    [InlineData("Lucene syntax", "title:(shape OR caring) AND review~2 \"*\" +body:[a TO z] /.*/")]
    [InlineData("only punctuation", "?!.,;:()[]{}<>")]
    [InlineData("a very long word", "supercalifragilisticexpialidocious-and-then-some-more-letters-to-make-it-very-long-indeed")]
    public async Task NonsenseOrSyntax_GetsAnOrdinaryReply(string name, string text)
    {
        var replies = await AskAsync(Activities.EmulatorMessage(bot.Channel.ServiceUrl, text));

        var reply = Assert.Single(replies);
        Assert.True(reply.GetProperty("text").GetString() != TurnError, name);
    }

    [Fact]
    public async Task ScriptInAQuestion_IsNeverEchoed_EvenByMore()
    {
        var conversation = new JsonObject { ["id"] = "echo-check" };
        await AskAsync(Activities.EmulatorMessage(bot.Channel.ServiceUrl, "<script>alert(1)</script> What is HEE?").With("conversation", conversation.DeepClone()));

        var replies = await AskAsync(Activities.EmulatorMessage(bot.Channel.ServiceUrl, "more").With("conversation", conversation.DeepClone()));

        AssertNoMarkup(Assert.Single(replies));
    }

    [Fact]
    public async Task UnknownActivityType_GetsNoReply()
    {
        var replies = await AskAsync(Activities.EmulatorMessage(bot.Channel.ServiceUrl, "What is HEE?").With("type", "somethingNew"));

        Assert.Empty(replies);
    }

    [Fact]
    public async Task ThousandsOfEntities_AreIgnoredAndTheQuestionAnswered()
    {
        var entities = new JsonArray();
        for (var i = 0; i < 2_000; i++)
        {
            entities.Add(new JsonObject { ["type"] = "mention", ["mentioned"] = new JsonObject { ["id"] = i % 2 == 0 ? "bot-1" : $"user-{i}" }, ["text"] = $"<at>someone {i}</at>" });
        }

        var replies = await AskAsync(Activities.EmulatorMessage(bot.Channel.ServiceUrl, "What is the Shape of Caring Review?").With("entities", entities));

        Assert.Equal("Shape of Caring Review", Cards.Blocks(Assert.Single(replies))[0]);
    }

    [Fact]
    public async Task MissingIds_WithExpectReplies_AreAnsweredInTheResponse()
    {
        var replies = await AskAsync(new JsonObject { ["type"] = "message", ["text"] = "What is the Shape of Caring Review?" });

        Assert.Equal("Shape of Caring Review", Cards.Blocks(Assert.Single(replies))[0]);
    }

    [Fact]
    public async Task ThePage_NeverReflectsItsQueryString()
    {
        using var client = bot.App.CreateClient();

        var html = await client.GetStringAsync("/?embed=%3Cscript%3Ealert(1)%3C%2Fscript%3E&q=%3Cimg%20src%3Dx%3E");

        Assert.DoesNotContain("alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x>", html, StringComparison.Ordinal);
    }

    private static string Message(string field) =>
        $"{{\"type\": \"message\", \"channelId\": \"emulator\", \"serviceUrl\": \"http://127.0.0.1:9/\", \"conversation\": {{\"id\": \"c\"}}, \"deliveryMode\": \"expectReplies\", {field}}}";

    private async Task<IReadOnlyList<JsonElement>> AskAsync(JsonObject activity)
    {
        using var client = bot.App.CreateClient();
        var (response, replies) = await client.AskAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertNothingLoggedAtErrorLevel();
        return replies;
    }

    private async Task AssertStillServingAsync(HttpClient client)
    {
        var (response, replies) = await client.AskAsync(Activities.EmulatorMessage(bot.Channel.ServiceUrl, "What is the Shape of Caring Review?"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Shape of Caring Review", Cards.Blocks(Assert.Single(replies))[0]);
        AssertNothingLoggedAtErrorLevel();
    }

    private void AssertNothingLoggedAtErrorLevel()
    {
        var errors = bot.App.Log.Split('\n').Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    /// <summary>No tag from the question anywhere in the reply: text, card, or data.</summary>
    private static void AssertNoMarkup(JsonElement reply)
    {
        var json = reply.GetRawText();
        foreach (var tag in (string[])["<script", "<b ", "<b>", "onmouseover", "<img", "\\u003Cscript", "\\u003Cb"])
        {
            Assert.DoesNotContain(tag, json, StringComparison.OrdinalIgnoreCase);
        }
    }
}
