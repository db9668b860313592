using System.Net;
using System.Text.Json;
using HeeBot.Bot.Tests.TestInfrastructure;
using HeeBot.Retrieval.Indexing;
using HeeBot.Tests;
using Xunit.Abstractions;

namespace HeeBot.Bot.Tests;

/// <summary>
/// Content updates reach a running bot without a restart: a new index written into its index folder (what
/// <c>heebot-index build --index &lt;the bot's folder&gt;</c> does) or changed knowledge goes live under load with no
/// failed or wrong answer; a corrupt index or knowledge that does not build is refused and the live index keeps serving.
/// </summary>
public sealed class IndexUpdateTests(ITestOutputHelper output)
{
    private const string NewArticle = """
        # NHS Apprenticeships

        ## Degree apprenticeships

        Nursing degree apprenticeships let healthcare support workers qualify as registered nurses while they keep working and earning.
        """;

    /// <summary>Questions asked throughout, with the passage that must answer each whichever index is live.</summary>
    private static readonly (string Question, string PassageId, string Section)[] Asked =
    [
        ("What is the Shape of Caring Review?", "hee#shape-of-caring-review", "Shape of Caring Review"),
        ("What is the Genomic Education Programme?", "hee#genomic-education-programme", "Genomic Education Programme"),
        ("How does HEE improve junior doctors' working lives?", "hee#enhancing-junior-doctors-working-lives", "Enhancing Junior Doctors’ Working Lives"),
    ];

    [Fact]
    public async Task NewIndexWrittenUnderLoad_GoesLiveWithNoFailedOrWrongAnswer()
    {
        using var folder = new TempFolder();
        var (knowledge, updated) = KnowledgeAndUpdate(folder);
        await using var bot = await StartAsync(knowledge, folder.Combine("index"));
        using var client = bot.CreateClient();
        var channel = bot.BaseAddress.ToString();

        using var stop = new CancellationTokenSource();
        var tally = new Tally();
        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(() => AskUntilStoppedAsync(bot, channel, worker, tally, stop.Token))).ToList();
        await tally.WaitForCheckedAsync(100); // under load before the swap
        var before = tally.Sent;

        PassageIndexBuilder.Build(updated, folder.Combine("index"), embeddings: TestModel.Encoder.Generator);
        await WaitForGenerationAsync(client, 2);
        await tally.WaitForCheckedAsync(Volatile.Read(ref tally.Checked) + 100); // and after it
        await stop.CancelAsync();
        await Task.WhenAll(load);

        output.WriteLine($"requests sent {tally.Sent} ({before} before the new index was written), failed {tally.Failed}, answers checked {tally.Checked}");
        Assert.Empty(tally.Failures);
        Assert.True(tally.Checked > 100, $"only {tally.Checked} answers checked");
        Assert.Equal("apprenticeships#degree-apprenticeships", await TopPassageAsync(client, "What are nursing degree apprenticeships?"));
        Assert.Contains("New index live", bot.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorruptIndex_IsRefusedAndTheLiveIndexKeepsServing()
    {
        using var folder = new TempFolder();
        var (knowledge, updated) = KnowledgeAndUpdate(folder);
        var index = folder.Combine("index");
        await using var bot = await StartAsync(knowledge, index);
        using var client = bot.CreateClient();

        // A new index with every data file's header overwritten, moved in whole as the builder would.
        PassageIndexBuilder.Build(updated, folder.Combine("broken"), embeddings: TestModel.Encoder.Generator);
        foreach (var file in Directory.EnumerateFiles(folder.Combine("broken")).Where(f => !Path.GetFileName(f).StartsWith("segments", StringComparison.Ordinal) && !f.EndsWith(".txt", StringComparison.Ordinal)))
        {
            using var stream = File.OpenWrite(file);
            stream.Write(new byte[16]);
        }

        Directory.Move(index, folder.Combine("old"));
        Directory.Move(folder.Combine("broken"), index);

        var log = await bot.WaitForLogAsync("Refused the new index");
        Assert.Contains("Refused the new index", log, StringComparison.Ordinal);
        Assert.Equal(1, await GenerationAsync(client));
        Assert.Equal("hee#shape-of-caring-review", await TopPassageAsync(client, "What is the Shape of Caring Review?"));
        var (answer, replies) = await client.AskAsync(Activities.EmulatorMessage(bot.BaseAddress.ToString(), "What is the Shape of Caring Review?"));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("Shape of Caring Review", Cards.Blocks(Assert.Single(replies))[0]);

        // A good index after the bad one still goes live.
        PassageIndexBuilder.Build(updated, index, embeddings: TestModel.Encoder.Generator);
        await WaitForGenerationAsync(client, 2);
        Assert.Equal("apprenticeships#degree-apprenticeships", await TopPassageAsync(client, "What are nursing degree apprenticeships?"));
    }

    [Fact]
    public async Task ChangedKnowledge_IsRebuiltAndGoesLive_AndKnowledgeThatDoesNotBuildIsRefused()
    {
        using var folder = new TempFolder();
        var knowledge = CopyKnowledge(folder.Combine("knowledge"));
        await using var bot = await StartAsync(knowledge, folder.Combine("index"));
        using var client = bot.CreateClient();

        File.WriteAllText(Path.Combine(knowledge, "broken.md"), "Text before any title.\n");
        var log = await bot.WaitForLogAsync("Knowledge changed but does not build");
        Assert.Contains("broken.md", log, StringComparison.Ordinal);
        Assert.Equal(1, await GenerationAsync(client));
        Assert.Equal("hee#shape-of-caring-review", await TopPassageAsync(client, "What is the Shape of Caring Review?"));

        File.Delete(Path.Combine(knowledge, "broken.md"));
        File.WriteAllText(Path.Combine(knowledge, "apprenticeships.md"), NewArticle);
        await WaitForGenerationAsync(client, 2);
        Assert.Equal("apprenticeships#degree-apprenticeships", await TopPassageAsync(client, "What are nursing degree apprenticeships?"));
    }

    [Fact]
    public async Task ChangedKnowledge_ThatBreaksTheGoldSet_IsRefusedByTheGate_AndTheLiveIndexKeepsAnswering()
    {
        using var folder = new TempFolder();
        var knowledge = CopyKnowledge(folder.Combine("knowledge"));
        await using var bot = await StartAsync(knowledge, folder.Combine("index"));
        using var client = bot.CreateClient();

        // An editor cuts the article down to its title and opening: it still builds, but most of the gold set (questions.tsv) breaks.
        var article = File.ReadAllText(Path.Combine(knowledge, "hee.md"));
        var opening = article.IndexOf("\n# Unveiling", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(knowledge, "hee.md"), article[opening..article.IndexOf("\n## ", StringComparison.Ordinal)] + "\n");

        var log = await bot.WaitForLogAsync("Knowledge changed but does not build");
        Assert.True(log.Contains("refused by the regression gate: recall@1 0.", StringComparison.Ordinal), log);
        Assert.Contains("questions that broke: ", log, StringComparison.Ordinal);
        Assert.Contains("\"What is the Shape of Caring Review?\"", log, StringComparison.Ordinal);
        Assert.Equal(1, await GenerationAsync(client));
        Assert.Equal("hee#shape-of-caring-review", await TopPassageAsync(client, "What is the Shape of Caring Review?"));
    }

    private static Task<BotProcess> StartAsync(string knowledge, string index) =>
        BotProcess.StartAsync(
            ("Retrieval:KnowledgePath", knowledge),
            ("Retrieval:IndexPath", index),
            ("Retrieval:ReloadInterval", "00:00:00.200"),
            ("RateLimits:MessagesPerMinute", "0"),
            ("RateLimits:SearchPerMinute", "0"));

    /// <summary>The HEE knowledge as the bot starts with it, and a second copy with a new article added.</summary>
    private static (string Knowledge, string Updated) KnowledgeAndUpdate(TempFolder folder)
    {
        var updated = CopyKnowledge(folder.Combine("knowledge-v2"));
        File.WriteAllText(Path.Combine(updated, "apprenticeships.md"), NewArticle);
        return (CopyKnowledge(folder.Combine("knowledge")), updated);
    }

    private static string CopyKnowledge(string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(Repository.Knowledge))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        // Copies are written now; make them as old as the originals so the bot does not see "changed knowledge".
        foreach (var file in Directory.EnumerateFiles(target))
        {
            File.SetLastWriteTimeUtc(file, File.GetLastWriteTimeUtc(Path.Combine(Repository.Knowledge, Path.GetFileName(file))));
        }

        return target;
    }

    /// <summary>Asks the questions in turn, over /api/messages and /api/search, and checks each answer.</summary>
    private static async Task AskUntilStoppedAsync(BotProcess bot, string channel, int worker, Tally tally, CancellationToken stop)
    {
        using var client = bot.CreateClient();
        for (var i = worker; !stop.IsCancellationRequested; i++)
        {
            var (question, passageId, section) = Asked[i % Asked.Length];
            Interlocked.Increment(ref tally.Sent);
            try
            {
                string? wrong;
                if (i % 2 == 0)
                {
                    var (response, replies) = await client.AskAsync(Activities.EmulatorMessage(channel, question).With("conversation", new System.Text.Json.Nodes.JsonObject { ["id"] = $"load-{worker}" }));
                    wrong = response.StatusCode != HttpStatusCode.OK ? $"status {(int)response.StatusCode}"
                        : replies.Count != 1 ? $"{replies.Count} replies"
                        : Cards.Blocks(replies[0])[0] != section ? $"answered with '{Cards.Blocks(replies[0])[0]}'"
                        : null;
                }
                else
                {
                    var top = await TopPassageAsync(client, question);
                    wrong = top != passageId ? $"search ranked {top} first" : null;
                }

                if (wrong is null)
                {
                    Interlocked.Increment(ref tally.Checked);
                }
                else
                {
                    tally.Fail($"{question}: {wrong}");
                }
            }
            catch (HttpRequestException e)
            {
                tally.Fail($"{question}: {e.Message}");
            }
        }
    }

    private static async Task<string?> TopPassageAsync(HttpClient client, string question)
    {
        using var result = JsonDocument.Parse(await client.GetStringAsync($"/api/search?q={Uri.EscapeDataString(question)}"));
        var results = result.RootElement.GetProperty("results");
        return results.GetArrayLength() > 0 ? results[0].GetProperty("id").GetString() : null;
    }

    private static async Task<int> GenerationAsync(HttpClient client)
    {
        using var health = JsonDocument.Parse(await client.GetStringAsync("/healthz"));
        return health.RootElement.GetProperty("indexGeneration").GetInt32();
    }

    private static async Task WaitForGenerationAsync(HttpClient client, int generation)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await GenerationAsync(client) >= generation)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"index generation {generation} never went live");
    }

    private sealed class Tally
    {
        public int Sent;
        public int Checked;

        public List<string> Failures { get; } = [];

        /// <summary>Waits until <paramref name="count"/> answers have been checked (fails after 60 s: the load is stuck, not slow).</summary>
        public async Task WaitForCheckedAsync(int count)
        {
            for (var i = 0; i < 1200 && Volatile.Read(ref Checked) < count && Failed == 0; i++)
            {
                await Task.Delay(50);
            }
        }

        public int Failed
        {
            get
            {
                lock (Failures)
                {
                    return Failures.Count;
                }
            }
        }

        public void Fail(string what)
        {
            lock (Failures)
            {
                Failures.Add(what);
            }
        }
    }
}
