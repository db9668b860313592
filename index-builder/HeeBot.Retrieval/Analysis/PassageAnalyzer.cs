using HeeBot.Retrieval.Knowledge;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.Util;
using LuceneCore = Lucene.Net.Analysis.Core;

namespace HeeBot.Retrieval.Analysis;

/// <summary>
/// The one analyzer of HeeBot, used to write the index and to read questions:
/// standard tokens, possessives removed, lower case, accents folded, synonyms, stop words (question
/// words included), Porter stemming. The <see cref="LuceneSettings.FieldNames.Exact"/> field stops after
/// folding: it keeps real words for typo correction. The <see cref="LuceneSettings.FieldNames.All"/> field
/// holds terms this chain has already produced, so it is only split at spaces. The id field is not analyzed.
/// </summary>
public sealed class PassageAnalyzer : Analyzer
{
    /// <summary>Written into each index; change it whenever the chain changes so old indexes are rebuilt.</summary>
    public const string ChainVersion = "porter-contract-3";

    private static readonly CharArraySet Stop = StopWords.CreateSet();

    private readonly SynonymMap? synonyms;

    private PassageAnalyzer(SynonymMap? synonyms)
        : base(PER_FIELD_REUSE_STRATEGY)
    {
        this.synonyms = synonyms;
    }

    /// <summary>An analyzer without synonyms.</summary>
    public static PassageAnalyzer WithoutSynonyms() => new(null);

    /// <summary>An analyzer with the synonyms of a Solr-format file's text.</summary>
    /// <param name="sourceName">The file name that errors in <paramref name="solrSynonyms"/> are reported against.</param>
    public static PassageAnalyzer Create(string solrSynonyms, string sourceName) => new(ParseSynonyms(solrSynonyms, sourceName));

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        if (fieldName == LuceneSettings.FieldNames.All)
        {
            return new TokenStreamComponents(new LuceneCore.WhitespaceTokenizer(LuceneSettings.Version, reader));
        }

        var (tokenizer, stream) = Normalise(reader);
        if (fieldName == LuceneSettings.FieldNames.Exact)
        {
            return new TokenStreamComponents(tokenizer, stream);
        }

        if (synonyms is not null)
        {
            // Synonyms go before stop words (multi-word entries may contain them) and before stemming.
            stream = new SynonymFilter(stream, synonyms, ignoreCase: true);
        }

        stream = new LuceneCore.StopFilter(LuceneSettings.Version, stream, Stop);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    /// <summary>The analyzed terms of <paramref name="text"/> as the searched fields (heading, questions, body) have them, in order.</summary>
    public IReadOnlyList<string> Terms(string text) => Terms(LuceneSettings.FieldNames.Body, text);

    /// <summary>The analyzed terms of <paramref name="text"/> in <paramref name="field"/>, in order.</summary>
    public IReadOnlyList<string> Terms(string field, string text)
    {
        var terms = new List<string>();
        using var stream = GetTokenStream(field, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    private static (Tokenizer Tokenizer, TokenStream Stream) Normalise(TextReader reader)
    {
        var tokenizer = new StandardTokenizer(LuceneSettings.Version, reader);
        TokenStream stream = new EnglishPossessiveFilter(LuceneSettings.Version, tokenizer);
        stream = new LuceneCore.LowerCaseFilter(LuceneSettings.Version, stream);
        stream = new ASCIIFoldingFilter(stream);
        return (tokenizer, stream);
    }

    private static SynonymMap ParseSynonyms(string text, string sourceName)
    {
        // Synonym entries are read with the part of the chain that runs before the synonym filter.
        using var entryAnalyzer = NewAnonymous((_, reader) =>
        {
            var (tokenizer, stream) = Normalise(reader);
            return new TokenStreamComponents(tokenizer, stream);
        });
        // expand: false reduces every term of a group to the group's first term, on both sides.
        var parser = new SolrSynonymParser(dedup: true, expand: false, entryAnalyzer);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            // Parse line by line so a bad entry is reported with its line number.
            try
            {
                parser.Parse(new StringReader(lines[i]));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var reason = e.InnerException?.Message ?? e.Message;
                throw new KnowledgeFormatException(sourceName, i + 1, $"invalid synonym line '{lines[i].Trim()}': {reason}");
            }
        }

        return parser.Build();
    }
}
