using BenchmarkDotNet.Attributes;
using HeeBot.Retrieval;
using HeeBot.Retrieval.Analysis;
using HeeBot.Retrieval.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HeeBot.Benchmarks;

/// <summary>Where a search spends its time, stage by stage, for "What is the Shape of Caring Review?".</summary>
[MemoryDiagnoser]
public class SearchStageBenchmarks
{
    private const string Question = "What is the Shape of Caring Review?";
    private HeeIndex index = null!;
    private IndexVocabulary vocabulary = null!;
    private IndexSearcher searcher = null!;
    private ParsedQuestion parsed = null!;
    private Query query = null!;

    [GlobalSetup]
    public void Setup()
    {
        index = new HeeIndex();
        var reader = DirectoryReader.Open(LuceneSettings.OpenForSearch(Path.Combine(index.Folder, "index")));
        searcher = new IndexSearcher(reader) { Similarity = LuceneSettings.CreateSimilarity() };
        var analyzer = PassageAnalyzer.Create(File.ReadAllText(Path.Combine(index.Folder, "index", LuceneSettings.SynonymsFileName)), "synonyms");
        vocabulary = IndexVocabulary.For(reader, analyzer);
        parsed = ParsedQuestion.Read(Question, vocabulary);
        query = parsed.Query;
    }

    [GlobalCleanup]
    public void Cleanup() => index.Dispose();

    [Benchmark(Description = "1 read the question (words, vocabulary, query)")]
    public object Read() => ParsedQuestion.Read(Question, vocabulary);

    [Benchmark(Description = "3 Lucene search, top 20")]
    public TopDocs Search() => searcher.Search(query, 20);

    [Benchmark(Description = "3b Lucene search, top 20, in-order collector")]
    public TopDocs SearchInOrder()
    {
        var collector = TopScoreDocCollector.Create(20, docsScoredInOrder: true);
        searcher.Search(query, collector);
        return collector.GetTopDocs();
    }

    [Benchmark(Description = "all: PassageSearcher.Search")]
    public SearchResult All() => index.Searcher.Search(Question);
}
