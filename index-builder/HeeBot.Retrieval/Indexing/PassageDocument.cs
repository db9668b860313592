using HeeBot.Retrieval.Analysis;
using HeeBot.Retrieval.Knowledge;
using Lucene.Net.Documents;
using Lucene.Net.Index;

namespace HeeBot.Retrieval.Indexing;

/// <summary>
/// The Lucene document of a passage, one per indexing thread and refilled for each passage. Lucene's advice
/// for fast indexing: a reused field keeps its token stream, where a new one builds one through attribute
/// lookups under a global lock (a tenth of a 100,000-passage build, most of it waiting). The analyzed fields
/// replay what <see cref="PassageTokens"/> recorded, so each text is analyzed once.
/// </summary>
internal sealed class PassageDocument
{
    // Neither field is scored: "all" gives document frequencies and each passage's terms; "exact" gives typo
    // correction its vocabulary, each word once. Neither needs positions, frequencies or norms.
    private static readonly FieldType AllFieldType = new(TextField.TYPE_STORED)
    {
        IndexOptions = IndexOptions.DOCS_ONLY,
        OmitNorms = true,
    };

    private static readonly FieldType ExactFieldType = new(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_ONLY,
        OmitNorms = true,
    };

    private readonly Field id = new StringField(LuceneSettings.FieldNames.Id, string.Empty, Field.Store.YES);
    private readonly Field documentId = new StoredField(LuceneSettings.FieldNames.DocumentId, string.Empty);
    private readonly Field documentTitle = new StoredField(LuceneSettings.FieldNames.DocumentTitle, string.Empty);
    private readonly Field heading = new TextField(LuceneSettings.FieldNames.Heading, string.Empty, Field.Store.YES);
    private readonly Field body = new TextField(LuceneSettings.FieldNames.Body, string.Empty, Field.Store.YES);
    private readonly Field questions = new TextField(LuceneSettings.FieldNames.Questions, string.Empty, Field.Store.NO);
    private readonly Field all = new(LuceneSettings.FieldNames.All, string.Empty, AllFieldType);
    private readonly Field exact = new(LuceneSettings.FieldNames.Exact, string.Empty, ExactFieldType);
    private readonly Field source = new StoredField(LuceneSettings.FieldNames.Source, string.Empty);
    private readonly Field vectorsKey = new StoredField(LuceneSettings.FieldNames.VectorsKey, string.Empty);
    private readonly (string Key, byte[] Vectors)[]? vectorRows;
    private readonly PassageTokens tokens;
    private readonly Document document;

    public PassageDocument(PassageAnalyzer analyzer, (string Key, byte[] Vectors)[]? vectorRows)
    {
        this.vectorRows = vectorRows;
        tokens = new PassageTokens(analyzer);
        heading.SetTokenStream(tokens.Heading.Replay());
        questions.SetTokenStream(tokens.Questions.Replay());
        body.SetTokenStream(tokens.Body.Replay());
        all.SetTokenStream(tokens.Terms.Replay());
        exact.SetTokenStream(tokens.NewWords.Replay());
        document = [id, documentId, documentTitle, heading, body, questions, all, exact, source];
        if (vectorRows is not null)
        {
            document.Add(vectorsKey);
        }
    }

    public Document Fill(Passage passage, int position)
    {
        tokens.Analyze(passage.Title, string.Join('\n', passage.Questions), passage.Text);
        id.SetStringValue(passage.Id);
        documentId.SetStringValue(passage.DocumentId);
        documentTitle.SetStringValue(passage.DocumentTitle);
        heading.SetStringValue(passage.Title);
        body.SetStringValue(passage.Text);
        all.SetStringValue(tokens.Terms.Join(' '));
        source.SetStringValue(passage.Source);
        document.RemoveFields(LuceneSettings.FieldNames.HeadingPath);
        if (vectorRows is not null)
        {
            // A binary stored field takes its bytes at construction, so it cannot be refilled like the others.
            document.RemoveFields(LuceneSettings.FieldNames.Vectors);
            vectorsKey.SetStringValue(vectorRows[position].Key);
            document.Add(new StoredField(LuceneSettings.FieldNames.Vectors, vectorRows[position].Vectors));
        }

        foreach (var name in passage.HeadingPath)
        {
            document.Add(new StoredField(LuceneSettings.FieldNames.HeadingPath, name));
        }

        return document;
    }
}
