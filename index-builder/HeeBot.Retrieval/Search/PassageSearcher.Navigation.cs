using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;

namespace HeeBot.Retrieval.Search;

/// <summary>Moving around the index from a passage: by id, within its section, to related sections.</summary>
public sealed partial class PassageSearcher
{
    /// <summary>The passage with this id, as a hit (rank 1, confidence 1); null when there is none.</summary>
    public SearchHit? Get(string passageId)
    {
        var searcher = searchers.Acquire();
        try
        {
            var doc = Find(searcher, passageId);
            return doc is null ? null : ToHit(searcher, doc.Value, 1, 0, 1);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>The other passages of this passage's section and its subsections, in article order.</summary>
    public IReadOnlyList<SearchHit> MoreOfSection(string passageId)
    {
        var searcher = searchers.Acquire();
        try
        {
            if (Find(searcher, passageId) is not { } self)
            {
                return [];
            }

            var path = searcher.Doc(self).GetValues(LuceneSettings.FieldNames.HeadingPath);
            var documentId = searcher.Doc(self).Get(LuceneSettings.FieldNames.DocumentId);
            return AllDocs(searcher)
                .Where(d => d != self)
                .Select(d => (Doc: d, Stored: searcher.Doc(d)))
                .Where(d => d.Stored.Get(LuceneSettings.FieldNames.DocumentId) == documentId && StartsWith(d.Stored.GetValues(LuceneSettings.FieldNames.HeadingPath), path))
                .Select((d, i) => ToHit(searcher, d.Doc, i + 1, 0, 1))
                .ToList();
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>
    /// Up to <paramref name="count"/> sections to read next: subsections and sibling sections first (the
    /// article's own structure), then sections whose text is most like this passage's (MoreLikeThis).
    /// </summary>
    public IReadOnlyList<RelatedSection> Related(string passageId, int count = 3)
    {
        var searcher = searchers.Acquire();
        try
        {
            return IndexVocabulary.For(searcher.IndexReader, analyzer).Related(passageId, count, () => FindRelated(searcher, passageId, count));
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private List<RelatedSection> FindRelated(IndexSearcher searcher, string passageId, int count)
    {
        var vocabulary = IndexVocabulary.For(searcher.IndexReader, analyzer);
        if (Find(searcher, passageId) is not { } self)
        {
            return [];
        }

        var own = vocabulary.Passage(self);
        var docs = AllDocs(searcher).Where(d => vocabulary.Passage(d).DocumentId == own.DocumentId).ToList();
        var candidates = new List<int>();
        candidates.AddRange(docs.Where(d => IsChild(vocabulary.Passage(d).HeadingPath, own.HeadingPath)));
        candidates.AddRange(docs.Where(d => IsSibling(vocabulary.Passage(d).HeadingPath, own.HeadingPath)));
        candidates.AddRange(MoreLikeThis(searcher, self));
        return candidates
            .Where(d => d != self)
            .Select(d => new RelatedSection(vocabulary.Passage(d).Id, vocabulary.Passage(d).HeadingPath[^1]))
            .Where(r => r.Section != own.HeadingPath[^1] && r.Section != own.DocumentTitle)
            .DistinctBy(r => r.Section)
            .Take(count)
            .ToList();
    }

    private IEnumerable<int> MoreLikeThis(IndexSearcher searcher, int doc)
    {
        var mlt = new MoreLikeThis(searcher.IndexReader)
        {
            Analyzer = analyzer,
            FieldNames = [LuceneSettings.FieldNames.Body],
            MinTermFreq = 1,
            MinDocFreq = 1,
        };
        var query = mlt.Like(doc);
        return searcher.Search(query, 10).ScoreDocs.Select(d => d.Doc);
    }

    private static int? Find(IndexSearcher searcher, string passageId)
    {
        var hits = searcher.Search(new TermQuery(new Term(LuceneSettings.FieldNames.Id, passageId)), 1).ScoreDocs;
        return hits.Length == 0 ? null : hits[0].Doc;
    }

    private static IEnumerable<int> AllDocs(IndexSearcher searcher) => Enumerable.Range(0, searcher.IndexReader.MaxDoc);

    private static bool StartsWith(string[] path, string[] prefix) => path.Length >= prefix.Length && path.Take(prefix.Length).SequenceEqual(prefix);

    private static bool IsChild(string[] path, string[] parent) => path.Length == parent.Length + 1 && StartsWith(path, parent);

    private static bool IsSibling(string[] path, string[] other) =>
        path.Length == other.Length && path.Length > 1 && path.Take(path.Length - 1).SequenceEqual(other.Take(other.Length - 1)) && path[^1] != other[^1];
}
