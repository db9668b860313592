using System.Text;
using BenchmarkDotNet.Attributes;
using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Indexing;
using HeeBot.Retrieval.Search;
using HeeBot.Tests;

namespace HeeBot.Benchmarks;

/// <summary>
/// A synthetic corpus of 100,000 passages (100 articles x 20 sections x 50 paragraphs, words drawn with a fixed
/// seed from a Zipf-like vocabulary of 20,000 made-up words plus the HEE article's own words): the lexical build, and
/// search lexical and hybrid. The searched index holds a vector per passage from <see cref="HashEmbeddings"/> (the
/// real model would take many minutes to embed it; its throughput is <see cref="EmbeddingBenchmarks"/>), so the
/// hybrid search does all the work of the real one: a cosine with every passage vector, fusion, the decision.
/// </summary>
[MemoryDiagnoser]
public class LargeCorpusBenchmarks
{
    public const int Passages = 100_000;

    private readonly TempFolder folder = new();
    private PassageSearcher searcher = null!;
    private QuestionEncoder encoder = null!;
    private string[] questions = [];
    private int next;

    [GlobalSetup]
    public void Setup()
    {
        var random = Write(folder.Combine("knowledge"));
        var vocabulary = Vocabulary(new Random(20261123));
        questions = [.. Enumerable.Range(0, 200).Select(_ => Sentence(random, vocabulary, 3 + random.Next(6)) + "?")];
        encoder = new QuestionEncoder(new HashEmbeddings(), cacheSize: 0, ownsGenerator: true);
        PassageIndexBuilder.Build(folder.Combine("knowledge"), folder.Combine("search-index"), embeddings: encoder.Generator);
        searcher = PassageSearcher.Open(folder.Combine("search-index"), encoder);
    }

    /// <summary>Writes the corpus into <paramref name="knowledge"/>; returns the random source, ready for questions.</summary>
    public static Random Write(string knowledge)
    {
        var random = new Random(20261123);
        var vocabulary = Vocabulary(random);
        Directory.CreateDirectory(knowledge);
        for (var article = 0; article < 100; article++)
        {
            var text = new StringBuilder($"# Article {article}\n\n");
            for (var section = 0; section < 20; section++)
            {
                text.Append("## ").Append(Sentence(random, vocabulary, 3)).Append("\n\n");
                for (var paragraph = 0; paragraph < 50; paragraph++)
                {
                    text.Append(Sentence(random, vocabulary, 12 + random.Next(30))).Append(".\n\n");
                }
            }

            File.WriteAllText(Path.Combine(knowledge, $"article-{article:D3}.md"), text.ToString());
        }

        return random;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        searcher.Dispose();
        encoder.Dispose();
        folder.Dispose();
    }

    [Benchmark(Description = "build 100,000 passages", OperationsPerInvoke = 1)]
    public IndexBuildResult Build() => PassageIndexBuilder.Build(folder.Combine("knowledge"), folder.Combine("build-index"));

    [Benchmark(Description = "search 100,000 passages, lexical")]
    public SearchResult SearchLexical() => searcher.Search(questions[next++ % questions.Length], Lexical);

    /// <summary>The fast path off, so every question is compared with every passage vector.</summary>
    [Benchmark(Description = "search 100,000 passages, hybrid (100,000 vectors)")]
    public SearchResult Search() => searcher.Search(questions[next++ % questions.Length], Hybrid);

    private static readonly SearchOptions Lexical = new() { Mode = RetrievalMode.Lexical };

    private static readonly SearchOptions Hybrid = new() { Fusion = FusionSettings.Default with { FastPathConfidence = 2 } };

    /// <summary>A paragraph of the corpus's kind, for timing the model on passages like these.</summary>
    public static string Paragraph(Random random) => Sentence(random, Vocabulary(new Random(20261123)), 12 + random.Next(30)) + ".";

    private static string[] Vocabulary(Random random)
    {
        var words = new List<string>(File.ReadAllText(Path.Combine(Repository.Knowledge, "hee.md")).Split([' ', '\n', ',', '.', ':', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.All(char.IsLetter)).Distinct());
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        while (words.Count < 20_000)
        {
            words.Add(new string([.. Enumerable.Range(0, 3 + random.Next(8)).Select(_ => letters[random.Next(letters.Length)])]));
        }

        return [.. words];
    }

    /// <summary>Zipf-like: low ranks are common, as in real text.</summary>
    private static string Sentence(Random random, string[] vocabulary, int length) =>
        string.Join(' ', Enumerable.Range(0, length).Select(_ => vocabulary[(int)(vocabulary.Length * Math.Pow(random.NextDouble(), 3))]));
}
