using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary>"Search HEE answers" from Teams' compose box: the <c>composeExtension/query</c> invoke, in process.</summary>
public sealed class ComposeSearchTests : IAsyncDisposable
{
    private readonly BotApplication bot = BotApplication.WithFixture();

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    private async Task<JsonElement[]> QueryAsync(string? query, int? skip = null, int? count = null)
    {
        var invoke = bot.Message(string.Empty, "a:personal", "msteams");
        invoke.Remove("text");
        invoke["type"] = "invoke";
        invoke["name"] = "composeExtension/query";
        var value = new JsonObject
        {
            ["commandId"] = "searchAnswers",
            ["parameters"] = new JsonArray(query is null ? new JsonObject { ["name"] = "initialRun", ["value"] = "true" } : new JsonObject { ["name"] = "query", ["value"] = query }),
        };
        if (skip is not null)
        {
            value["queryOptions"] = new JsonObject { ["skip"] = skip, ["count"] = count };
        }

        invoke["value"] = value;
        using var client = bot.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/messages", invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var result = body.RootElement.GetProperty("composeExtension");
        Assert.Equal(("result", "list"), (result.GetProperty("type").GetString(), result.GetProperty("attachmentLayout").GetString()));
        return [.. result.GetProperty("attachments").EnumerateArray().Select(a => a.Clone())];
    }

    private static string Title(JsonElement attachment) => attachment.GetProperty("preview").GetProperty("content").GetProperty("title").GetString()!;

    [Fact]
    public async Task AQuery_ReturnsAnswersAsPreviewsWithTheCardToInsert()
    {
        var results = await QueryAsync("who runs the trust");

        Assert.InRange(results.Length, 1, 10);
        Assert.Equal("Who runs the Trust?", Title(results[0]));
        Assert.Equal("application/vnd.microsoft.card.thumbnail", results[0].GetProperty("preview").GetProperty("contentType").GetString());
        Assert.Equal("application/vnd.microsoft.card.adaptive", results[0].GetProperty("contentType").GetString());
        Assert.Equal("Who runs the Trust?", Cards.Blocks(new JsonObject { ["attachments"] = new JsonArray(JsonNode.Parse(results[0].GetRawText())) }.Deserialize<JsonElement>())[0]);
    }

    [Fact]
    public async Task TheCardToInsert_NamesItsSource_AndReviewDate()
    {
        var results = await QueryAsync("who runs the trust");

        var blocks = Cards.Blocks(new JsonObject { ["attachments"] = new JsonArray(JsonNode.Parse(results[0].GetRawText())) }.Deserialize<JsonElement>());
        Assert.Contains("Source: [Riverside Training Trust](https://riverside.example/about) · last reviewed 15 January 2026", blocks);
    }

    [Fact]
    public async Task QueryOptions_PageTheResults()
    {
        var all = await QueryAsync("programmes");
        var second = await QueryAsync("programmes", skip: 1, count: 1);

        Assert.True(all.Length >= 2);
        Assert.Equal(Title(all[1]), Title(Assert.Single(second)));
    }

    [Fact]
    public async Task TheInitialRun_ListsTheTopics()
    {
        var topics = await QueryAsync(null);

        Assert.InRange(topics.Length, 2, 10);
        Assert.Contains(topics, t => Title(t) == "Who runs the Trust?");
        Assert.Equal(topics.Length, topics.Select(Title).Distinct().Count());
    }
}
