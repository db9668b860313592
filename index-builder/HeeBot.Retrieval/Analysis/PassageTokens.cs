namespace HeeBot.Retrieval.Analysis;

/// <summary>
/// A passage's text analyzed once for the index writer. Left to itself Lucene analyzes each field it is given text
/// for, and the exact and all fields need that analysis again; here heading, questions and body each go through
/// the analyzer once (<see cref="PassageAnalyzer.Record"/>), gathering the passage's distinct terms and its new words
/// on the way, and the writer is given the recordings to replay (<see cref="TokenRecording.Replay"/>). One per
/// indexing thread, reused passage after passage: a word it has seen before costs no allocation.
/// </summary>
internal sealed class PassageTokens
{
    private readonly PassageAnalyzer analyzer;
    private readonly TokenRecording foldedWords = new();

    // Every distinct word and term met so far gets a number. A term is in the passage when its mark is the passage's
    // number (so nothing is cleared between passages); a word is marked once, by the first passage that has it.
    private readonly Dictionary<string, int> numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly List<int> wordMarks = [];
    private readonly List<int> termMarks = [];
    private int passage;

    public PassageTokens(PassageAnalyzer analyzer)
    {
        this.analyzer = analyzer;
        lookup = numbers.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The heading's terms with their positions, as the searched heading field has them.</summary>
    public TokenRecording Heading { get; } = new();

    public TokenRecording Questions { get; } = new();

    public TokenRecording Body { get; } = new();

    /// <summary>
    /// The words, lower-cased and folded, not stemmed, stop words kept, that no passage analyzed here before had:
    /// the exact field, the vocabulary typo correction draws on. A vocabulary needs each word once, not in every
    /// passage; indexing it once per passage was a sixth of a large build.
    /// </summary>
    public TokenRecording NewWords { get; } = new();

    /// <summary>The passage's distinct terms, as its searched fields have them: the all field.</summary>
    public TokenRecording Terms { get; } = new();

    public void Analyze(string heading, string questions, string body)
    {
        passage++;
        NewWords.Clear();
        Terms.Clear();
        Record(heading, Heading);
        Record(questions, Questions);
        Record(body, Body);
    }

    private void Record(string text, TokenRecording terms)
    {
        analyzer.Record(text, terms, foldedWords);
        for (var i = 0; i < foldedWords.Count; i++)
        {
            AddOnce(foldedWords[i], wordMarks, 1, NewWords);
        }

        for (var i = 0; i < terms.Count; i++)
        {
            AddOnce(terms[i], termMarks, passage, Terms);
        }
    }

    private void AddOnce(ReadOnlySpan<char> token, List<int> marks, int mark, TokenRecording into)
    {
        if (!lookup.TryGetValue(token, out var number))
        {
            number = numbers.Count;
            numbers.Add(token.ToString(), number);
            wordMarks.Add(0);
            termMarks.Add(0);
        }

        if (marks[number] != mark)
        {
            marks[number] = mark;
            into.Add(token, 1);
        }
    }
}
