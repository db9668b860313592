using System.Net;
using System.Text.Json;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary>
/// One decision for every caller: the bot and /api/search answer or decline alike, with the configured
/// <c>Retrieval:Threshold</c>; <c>Retrieval:Semantic=false</c> runs lexical only and the log says which mode runs.
/// </summary>
public sealed class RetrievalModeTests
{
    /// <summary>Shares no distinctive word with the article ("genomics" is not in it): found by meaning.</summary>
    private const string Paraphrase = "teaching healthcare workers about DNA";

    [Fact]
    public async Task ByDefault_TheBotAndSearch_AnswerAQuestionInOtherWordsFromThePassageItMeans()
    {
        await using var bot = await BotProcess.StartAsync();
        using var client = bot.CreateClient();

        var (_, replies) = await client.AskAsync(Activities.EmulatorMessage("http://localhost:9/", Paraphrase));
        var search = await SearchAsync(client, Paraphrase);

        Assert.Contains("Retrieval: hybrid, lexical fused with all-MiniLM-L6-v2-int8 (384 dimensions)", bot.Log, StringComparison.Ordinal);
        Assert.Equal("Genomic Education Programme", Cards.Blocks(Assert.Single(replies))[0]);
        Assert.True(search.GetProperty("answered").GetBoolean());
        Assert.Equal("hee#genomic-education-programme", search.GetProperty("results")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task TheConfiguredThreshold_DecidesForTheBotAsForSearch()
    {
        await using var bot = await BotProcess.StartAsync(("Retrieval:Threshold", "0.999"));
        using var client = bot.CreateClient();

        var (_, replies) = await client.AskAsync(Activities.EmulatorMessage("http://localhost:9/", Paraphrase));
        var search = await SearchAsync(client, Paraphrase);

        Assert.StartsWith("I don't know that one", Assert.Single(replies).GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(search.GetProperty("answered").GetBoolean());
    }

    [Fact]
    public async Task SemanticOff_RunsLexicalOnly_SaysSo_AndStillAnswersInTheArticlesWords()
    {
        await using var bot = await BotProcess.StartAsync(("Retrieval:Semantic", "false"));
        using var client = bot.CreateClient();

        var paraphrase = await SearchAsync(client, Paraphrase);
        var (_, replies) = await client.AskAsync(Activities.EmulatorMessage("http://localhost:9/", "What is the Shape of Caring Review?"));

        Assert.Contains("Retrieval: lexical only (Retrieval:Semantic=false)", bot.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("all-MiniLM-L6-v2", bot.Log, StringComparison.Ordinal);
        Assert.False(paraphrase.GetProperty("answered").GetBoolean());
        Assert.Equal("Shape of Caring Review", Cards.Blocks(Assert.Single(replies))[0]);
    }

    private static async Task<JsonElement> SearchAsync(HttpClient client, string question)
    {
        using var response = await client.GetAsync($"/api/search?q={Uri.EscapeDataString(question)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
