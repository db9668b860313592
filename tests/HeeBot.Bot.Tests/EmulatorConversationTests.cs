using System.Net;
using System.Text;
using System.Text.Json;
using HeeBot.Bot.Tests.TestInfrastructure;
using Xunit.Abstractions;

namespace HeeBot.Bot.Tests;

/// <summary>The bot in local mode (no app id), as the Emulator uses it, replying through a fake channel.</summary>
public sealed class EmulatorConversationTests(LocalBot bot, ITestOutputHelper output) : IClassFixture<LocalBot>
{
    private FakeChannel Channel => bot.Channel;

    [Fact]
    public async Task Transcript_EmulatorConversation_WelcomesThenAnswersWithRankedPassages()
    {
        Channel.Clear();
        using var client = bot.App.CreateClient();
        var update = Activities.EmulatorConversationUpdate(Channel.ServiceUrl);
        var question = Activities.EmulatorMessage(Channel.ServiceUrl, "What is the Shape of Caring Review?");

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(update)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(question)).StatusCode);
        var posts = await Channel.WaitForPostsAsync(2);

        Transcript.Write(output, "Emulator conversation", [update, question], posts);
        Assert.Equal(2, posts.Count);
        var welcome = posts[0];
        Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString("conv-1|livechat")}/activities/{update["id"]}", welcome.Path);
        Assert.StartsWith("Hello! I'm HeeBot.", welcome.Text, StringComparison.Ordinal);
        Assert.Equal(3, welcome.Activity.GetProperty("suggestedActions").GetProperty("actions").GetArrayLength());
        Assert.Equal("imBack", welcome.Activity.GetProperty("suggestedActions").GetProperty("actions")[0].GetProperty("type").GetString());
        Assert.Equal(string.Empty, welcome.Authorization);

        var answer = posts[1];
        Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString("conv-1|livechat")}/activities/{question["id"]}", answer.Path);
        Assert.Equal(question["id"]!.GetValue<string>(), answer.Activity.GetProperty("replyToId").GetString());
        Assert.Equal("bot-1", answer.Activity.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal("user-1", answer.Activity.GetProperty("recipient").GetProperty("id").GetString());
        Assert.False(answer.Activity.TryGetProperty("id", out _));
        Assert.Null(answer.Text); // one card, no Markdown copy
        Assert.Equal("Shape of Caring Review", Cards.Blocks(answer.Activity)[0]);
    }

    [Fact]
    public async Task ExpectReplies_ShapeOfCaringQuestion_AnswersInTheBodyWithOneCard_NoMarkdownCopy()
    {
        Channel.Clear();
        using var client = bot.App.CreateClient();

        var (response, replies) = await client.AskAsync(Activities.EmulatorMessage(Channel.ServiceUrl, "What is the Shape of Caring Review?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(replies);
        Assert.False(reply.TryGetProperty("text", out _), "the Emulator shows the card; a Markdown copy would show the answer twice");
        Assert.StartsWith("Shape of Caring Review: A comprehensive review aimed at transforming", reply.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var attachment = reply.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        Assert.Equal("1.5", attachment.GetProperty("content").GetProperty("version").GetString());
        var blocks = Cards.Blocks(reply);
        Assert.Equal("Shape of Caring Review", blocks[0]);
        Assert.Equal("Key Initiatives and Programs", blocks[1]);
        Assert.Contains("**review**", blocks[2], StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(reply.GetRawText()) < 40 * 1024);
        Assert.Empty(Channel.Posts);
    }

    [Fact]
    public async Task ExpectReplies_OverASocket_ComeWithTheirLength_NotChunked_AndTheCardAsItWasBuilt()
    {
        using var client = new HttpClient { BaseAddress = bot.App.BaseAddress };
        var question = Activities.EmulatorMessage(Channel.ServiceUrl, "What is the Shape of Caring Review?").With("deliveryMode", "expectReplies");

        using var response = await client.PostAsync("/api/messages", new StringContent(question.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        using var replies = JsonDocument.Parse(body);
        var card = replies.RootElement.GetProperty("activities")[0].GetProperty("attachments")[0].GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        var text = Encoding.UTF8.GetString(body);
        Assert.Contains(" · last reviewed", text, StringComparison.Ordinal); // the source line, its middle dot as it is
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal); // the whole reply escaped one way, the card as the rest
    }

    [Fact]
    public async Task Question_WithRunnersUp_ShowsTheirRankSectionAndConfidence()
    {
        using var client = bot.App.CreateClient();

        var (_, replies) = await client.AskAsync(Activities.EmulatorMessage(Channel.ServiceUrl, "What impact does HEE have?"));

        var blocks = Cards.Blocks(Assert.Single(replies));
        Assert.Contains("Also relevant", blocks);
        Assert.Contains(blocks, b => System.Text.RegularExpressions.Regex.IsMatch(b, @"^2\. \*\*.+\*\* · \d+%$"));
    }

    [Theory]
    [InlineData("What is the capital of France?")]
    [InlineData("Who won the football world cup?")]
    public async Task OffTopicQuestion_IsDeclinedWithTheTopicsItCanAnswer(string question)
    {
        using var client = bot.App.CreateClient();

        var (_, replies) = await client.AskAsync(Activities.EmulatorMessage(Channel.ServiceUrl, question));

        var reply = Assert.Single(replies);
        Assert.StartsWith("I don't know that one", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("Shape of Caring Review", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(reply.TryGetProperty("attachments", out _));
        Assert.Equal(3, reply.GetProperty("suggestedActions").GetProperty("actions").GetArrayLength());
    }

    [Theory]
    [InlineData("hello", "Hello! Ask me about")]
    [InlineData("Thanks!", "You're welcome!")]
    [InlineData("help", "I answer questions about")]
    public async Task SmallTalk_GetsAShortNaturalReply(string text, string expectedStart)
    {
        using var client = bot.App.CreateClient();

        var (_, replies) = await client.AskAsync(Activities.EmulatorMessage(Channel.ServiceUrl, text));

        Assert.StartsWith(expectedStart, Assert.Single(replies).GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardSubmit_WithAQuestionInValue_IsAnswered()
    {
        using var client = bot.App.CreateClient();
        var submit = Activities.EmulatorMessage(Channel.ServiceUrl, string.Empty);
        submit.Remove("text");
        submit["value"] = new System.Text.Json.Nodes.JsonObject { ["question"] = "genomic education programme" };

        var (_, replies) = await client.AskAsync(submit);

        Assert.Equal("Genomic Education Programme", Cards.Blocks(Assert.Single(replies))[0]);
    }

    [Fact]
    public async Task TurnError_WhenTheAnswerCannotBeDelivered_IsLoggedTheUserToldAndTheBotKeepsServing()
    {
        Channel.Clear();
        using var client = bot.App.CreateClient();
        Channel.FailNext(4); // the answer's first try and its three retries

        var response = await client.PostAsync(Activities.EmulatorMessage(Channel.ServiceUrl, "What is HEE?"));
        var posts = await Channel.WaitForPostsAsync(5);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Turn message on emulator failed", await bot.App.WaitForLogAsync("Turn message on emulator failed"), StringComparison.Ordinal);
        Assert.Equal(5, posts.Count);
        Assert.Equal("Sorry, something went wrong on my side. Please try asking again.", posts[^1].Text);
        var (ok, replies) = await client.AskAsync(Activities.EmulatorMessage(Channel.ServiceUrl, "What is HEE?"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Single(replies);
    }

    [Fact]
    public async Task UnhandledInvoke_Gets501()
    {
        using var client = bot.App.CreateClient();
        var invoke = Activities.EmulatorMessage(Channel.ServiceUrl, string.Empty).With("type", "invoke").With("name", "task/fetch");

        var response = await client.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task UnknownActivityType_IsAcceptedAndIgnored()
    {
        Channel.Clear();
        using var client = bot.App.CreateClient();

        var response = await client.PostAsync(Activities.EmulatorMessage(Channel.ServiceUrl, "x").With("type", "somethingNew"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await Channel.WaitForPostsAsync(0));
    }

    [Fact]
    public async Task LocalMode_WhenServiceUrlIsNotLoopback_RefusesAndLogsInsteadOfSending()
    {
        Channel.Clear();
        using var client = bot.App.CreateClient();

        var response = await client.PostAsync(Activities.EmulatorMessage("http://10.20.30.40:8080/", "What is HEE?"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("http://10.20.30.40:8080/", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var log = await bot.App.WaitForLogAsync("replies cannot go to the serviceUrl http://10.20.30.40:8080/");
        Assert.Contains("replies cannot go to the serviceUrl http://10.20.30.40:8080/", log, StringComparison.Ordinal);
        Assert.Empty(Channel.Posts);
    }

    [Fact]
    public async Task Healthz_ReportsTheLoadedIndex()
    {
        using var client = bot.App.CreateClient();

        using var health = JsonDocument.Parse(await client.GetStringAsync("/healthz"));

        Assert.True(health.RootElement.GetProperty("indexLoaded").GetBoolean());
        Assert.Equal(14, health.RootElement.GetProperty("passages").GetInt32());
        Assert.InRange(health.RootElement.GetProperty("indexAgeSeconds").GetInt64(), 0, 600);
    }

    [Fact]
    public async Task Search_ReturnsTheSearchContract()
    {
        using var client = bot.App.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/search?q=What%20is%20the%20Shape%20of%20Caring%20Review%3F&top=2"));

        Assert.True(json.RootElement.GetProperty("answered").GetBoolean());
        Assert.Equal(2, json.RootElement.GetProperty("results").GetArrayLength());
        Assert.Equal("hee#shape-of-caring-review", json.RootElement.GetProperty("results")[0].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("/api/search", HttpStatusCode.BadRequest)]
    [InlineData("/api/search?q=x&top=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/search?q=title:(x&syntax=lucene", HttpStatusCode.BadRequest)]
    [InlineData("/api/search?q=shape%20of%20caring%20OR", HttpStatusCode.OK)]
    public async Task Search_BadQueries_GetADefinedStatus(string url, HttpStatusCode expected)
    {
        using var client = bot.App.CreateClient();

        Assert.Equal(expected, (await client.GetAsync(url)).StatusCode);
    }
}
