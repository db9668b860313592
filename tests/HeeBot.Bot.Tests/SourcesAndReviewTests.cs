using System.Text.Json;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary>
/// Every answer says where it comes from and when that was last checked (article front matter <c>url</c> and
/// <c>reviewed</c>), in the card and in the text fallback; a "Not helpful" is offered the article's own contact; and the
/// shipped knowledge says what became of HEE.
/// </summary>
public sealed class SourcesAndReviewTests : IAsyncDisposable
{
    /// <summary>The fixture article's front matter: url https://riverside.example/about, reviewed 2026-01-15.</summary>
    private const string FixtureSource = "Source: [Riverside Training Trust](https://riverside.example/about) · last reviewed 15 January 2026";

    private readonly BotApplication bot = BotApplication.WithFixture();

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task AnAnswerCard_NamesItsArticle_WithTheLink_AndTheReviewDate()
    {
        var reply = await bot.AskAsync("who runs the trust?");

        Assert.Equal("Who runs the Trust?", Cards.Blocks(reply)[0]);
        Assert.Contains(FixtureSource, Cards.Blocks(reply));
    }

    [Fact]
    public async Task AnAnswerInText_ForAChannelWithoutCards_CarriesTheSameSourceLine()
    {
        var reply = Assert.Single(await bot.SendAsync(bot.Message("who runs the trust?", channel: "slack")));

        var text = reply.GetProperty("text").GetString()!;
        Assert.Contains("A board of seven governors runs the Trust.", text, StringComparison.Ordinal);
        Assert.Contains(FixtureSource, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchJson_CarriesTheArticle_ForOtherCallers()
    {
        using var client = bot.CreateClient();
        using var result = JsonDocument.Parse(await client.GetStringAsync("/api/search?q=who%20runs%20the%20trust"));

        var article = result.RootElement.GetProperty("results")[0].GetProperty("article");
        Assert.Equal(("Riverside Training Trust", "https://riverside.example/about", "2026-01-15", "2028-01-15"), (
            article.GetProperty("title").GetString(), article.GetProperty("url").GetString(),
            article.GetProperty("reviewed").GetString(), article.GetProperty("nextReview").GetString()));
    }

    [Theory]
    [InlineData("Does Health Education England still exist?")]
    [InlineData("is HEE still going")]
    [InlineData("When did HEE merge into NHS England?")]
    public async Task WhatBecameOfHee_IsAnsweredFromTheNhsEnglandArticle(string question)
    {
        await using var hee = BotApplication.WithArticle();

        var reply = await hee.AskAsync(question);

        var blocks = Cards.Blocks(reply);
        Assert.Equal("What happened to Health Education England in 2023", blocks[0]);
        Assert.Contains(blocks, b => b.Replace("**", string.Empty, StringComparison.Ordinal).Contains("On 1 April 2023 Health Education England merged into NHS England", StringComparison.Ordinal));
        Assert.Contains("Source: What happened to Health Education England in 2023 · last reviewed 2 December 2026", blocks);
    }

    [Fact]
    public async Task TheWelcome_SaysHeeIsPartOfNhsEngland()
    {
        await using var hee = BotApplication.WithArticle();
        var update = hee.Message(string.Empty);
        update["type"] = "conversationUpdate";
        update.Remove("text");
        update["membersAdded"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["id"] = "user-1" });

        var welcome = Assert.Single(await hee.SendAsync(update));

        Assert.Contains("part of NHS England since 1 April 2023", welcome.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotHelpful_OnAnAnswer_OffersItsArticlesOwnContact()
    {
        await using var hee = BotApplication.WithArticle();
        var answer = await hee.AskAsync("What is the Shape of Caring Review?");
        var notHelpful = answer.GetProperty("attachments")[0].GetProperty("content").GetProperty("actions").EnumerateArray().Single(b => b.GetProperty("title").GetString() == "Not helpful");

        var reply = await hee.PressAsync(notHelpful);

        var contact = reply.GetProperty("suggestedActions").GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("type").GetString() == "openUrl");
        Assert.Equal("https://www.england.nhs.uk/contact-us/", contact.GetProperty("value").GetString());
    }
}
