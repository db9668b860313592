using System.Text.Json;
using HeeBot.Bot.Analytics;
using HeeBot.Bot.Tests.TestInfrastructure;
using HeeBot.Retrieval.Indexing;
using HeeBot.Retrieval.Search;
using HeeBot.Tests;
using YamlDotNet.RepresentationModel;

namespace HeeBot.Bot.Tests;

/// <summary>
/// <c>report --suggest</c> on a log the bot wrote as people used it: answers marked helpful and did-you-mean choices come
/// back as front-matter YAML for the right article and section, repeated declines as content gaps.
/// </summary>
public sealed class EditorsLoopTests : IAsyncDisposable
{
    private readonly BotApplication bot = BotApplication.WithFixture();
    private readonly TempFolder temp = new();

    public async ValueTask DisposeAsync()
    {
        await bot.DisposeAsync();
        temp.Dispose();
    }

    private static JsonElement[] Buttons(JsonElement reply) =>
        [.. reply.GetProperty("attachments")[0].GetProperty("content").GetProperty("actions").EnumerateArray()];

    [Fact]
    public async Task Suggest_TurnsHelpfulAnswersAndChoicesIntoFrontMatter_AndRepeatedDeclinesIntoGaps()
    {
        // Two people find the same answer helpful, asking in their own words (one shouting).
        var answeredId = string.Empty;
        foreach (var (question, conversation) in new[] { ("who runs the trust?", "c-1"), ("WHO RUNS THE TRUST?", "c-2") })
        {
            var answer = await bot.AskAsync(question, conversation);
            var helpful = Buttons(answer).Single(b => b.GetProperty("title").GetString() == "Helpful");
            answeredId = helpful.GetProperty("data").GetProperty("passageId").GetString()!;
            await bot.PressAsync(helpful, conversation);
        }

        // One picks a section after "Did you mean"; two ask what nothing answers.
        var choice = await bot.AskAsync("midwives and governors", "c-3");
        var picked = Buttons(choice).First(b => b.GetProperty("title").GetString() is not ("Who runs the Trust?" or "None of these"));
        await bot.PressAsync(picked, "c-3");
        await bot.AskAsync("where do I park at the hospital?", "c-4");
        await bot.AskAsync("Where do I park at the hospital? ", "c-5");
        await bot.AskAsync("who designed the logo?", "c-6"); // declined once: not a gap yet

        PassageIndexBuilder.Build(Repository.FixtureKnowledge, temp.Combine("index"));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ReportCommand.RunAsync(["--suggest", "--db", bot.DatabasePath, "--index", temp.Combine("index"), "--since", "24h"], output, error, TimeProvider.System);

        Assert.True(exit == 0, error.ToString());
        var text = output.ToString().ReplaceLineEndings("\n");
        var questions = FrontMatterQuestions(text, "riverside.md");
        var (answered, chosen) = (Anchor(answeredId), Anchor(picked.GetProperty("data").GetProperty("passageId").GetString()!));
        Assert.NotEqual(answered, chosen);
        Assert.Equal(["who runs the trust?"], questions[answered]); // the same question shouted is the same suggestion
        Assert.Contains("\"who runs the trust?\"  # helpful 2\n", text, StringComparison.Ordinal);
        Assert.Equal(["midwives and governors"], questions[chosen]);
        Assert.Contains("\"midwives and governors\"  # chosen after \"Did you mean\" 1", text, StringComparison.Ordinal);
        Assert.Contains("# Content gaps: declined more than once; no article answers them yet:\n#      2  \"where do I park at the hospital?\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("logo", text, StringComparison.Ordinal);
    }

    /// <summary>The <c>questions:</c> block printed for <paramref name="file"/>, read as YAML: section anchor to questions.</summary>
    private static Dictionary<string, List<string>> FrontMatterQuestions(string report, string file)
    {
        var start = report.IndexOf($"# {file}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, report);
        var block = report[start..];
        block = block[..(block.IndexOf("\n\n", StringComparison.Ordinal) is var end and > 0 ? end : block.Length)];
        var yaml = new YamlStream();
        yaml.Load(new StringReader(block));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var sections = (YamlMappingNode)root.Children[new YamlScalarNode("questions")];
        return sections.Children.ToDictionary(
            s => ((YamlScalarNode)s.Key).Value!,
            s => ((YamlSequenceNode)s.Value).Children.Select(q => ((YamlScalarNode)q).Value!).ToList());
    }

    /// <summary>The section anchor of a passage, as the index has it (<c>riverside.md#contact</c> -> <c>contact</c>).</summary>
    private string Anchor(string passageId)
    {
        using var index = PassageSearcher.Open(temp.Combine("index"));
        var source = index.Get(passageId)!.Source;
        return source[(source.IndexOf('#', StringComparison.Ordinal) + 1)..];
    }
}
