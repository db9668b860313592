using HeeBot.Retrieval.Knowledge;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using LuceneCore = Lucene.Net.Analysis.Core;

namespace HeeBot.Retrieval.Analysis;

/// <summary>
/// The one analyzer of HeeBot, used to write the index and to read questions:
/// standard tokens, possessives removed, lower case, accents folded, synonyms, stop words (question
/// words included), Porter stemming. For indexing, <see cref="Record"/> reads a text once for both its terms (with
/// their positions) and its words as they are after folding (real words, for typo correction); see
/// <see cref="PassageTokens"/>. The <see cref="LuceneSettings.FieldNames.Exact"/> and
/// <see cref="LuceneSettings.FieldNames.All"/> fields hold words and terms already analyzed, so when they are
/// given as text they are only split at spaces. The id field is not analyzed.
/// </summary>
internal sealed class PassageAnalyzer : Analyzer
{
    /// <summary>Written into each index; change it whenever the chain changes so old indexes are rebuilt.</summary>
    public const string ChainVersion = "porter-contract-4";

    /// <summary>Not a field: the full chain with a tap after folding and one at the end, for <see cref="Record"/>.</summary>
    private const string RecordingChain = "\u0001recording";

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
        if (fieldName is LuceneSettings.FieldNames.All or LuceneSettings.FieldNames.Exact)
        {
            return new TokenStreamComponents(new LuceneCore.WhitespaceTokenizer(LuceneSettings.Version, reader));
        }

        var (tokenizer, stream) = Normalise(reader);
        var words = fieldName == RecordingChain ? new Tap(stream, inner: null) : null;
        stream = words ?? stream;

        if (synonyms is not null)
        {
            // Synonyms go before stop words (multi-word entries may contain them) and before stemming.
            stream = new SynonymFilter(stream, synonyms, ignoreCase: true);
        }

        stream = new LuceneCore.StopFilter(LuceneSettings.Version, stream, Stop);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, words is null ? stream : new Tap(stream, words));
    }

    /// <summary>
    /// Analyzes <paramref name="text"/> as the searched fields (heading, questions, body) are analyzed, in one pass:
    /// each term with its position increment goes into <paramref name="terms"/>, and each word as it is after
    /// folding (lower case, no accents; before synonyms, stop words and stemming) into <paramref name="words"/>.
    /// Both are cleared first.
    /// </summary>
    public void Record(string text, TokenRecording terms, TokenRecording words)
    {
        terms.Clear();
        words.Clear();
        using var stream = GetTokenStream(RecordingChain, text);
        var end = (Tap)stream;
        end.Into = terms;
        end.Inner!.Into = words;
        try
        {
            stream.Reset();
            while (stream.IncrementToken())
            {
            }

            stream.End();
        }
        finally
        {
            end.Into = end.Inner.Into = null;
        }
    }

    /// <summary>The analyzed terms of <paramref name="text"/> as the searched fields (heading, questions, body) have them, in order.</summary>
    public IReadOnlyList<string> Terms(string text) => Terms(LuceneSettings.FieldNames.Body, text);

    /// <summary>The analyzed terms of <paramref name="text"/> in <paramref name="field"/>, in order.</summary>
    public IReadOnlyList<string> Terms(string field, string text)
    {
        var terms = new List<string>();
        using var stream = GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
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

    /// <summary>Passes tokens on unchanged, recording each with its position increment while it has somewhere to record to.</summary>
    private sealed class Tap : TokenFilter
    {
        private readonly ICharTermAttribute term;
        private readonly IPositionIncrementAttribute position;

        public Tap(TokenStream input, Tap? inner)
            : base(input)
        {
            Inner = inner;
            term = AddAttribute<ICharTermAttribute>();
            position = AddAttribute<IPositionIncrementAttribute>();
        }

        /// <summary>The tap earlier in the chain, if any.</summary>
        public Tap? Inner { get; }

        public TokenRecording? Into { get; set; }

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken())
            {
                return false;
            }

            Into?.Add(term.Buffer.AsSpan(0, term.Length), position.PositionIncrement);
            return true;
        }
    }
}
