using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace HeeBot.Retrieval.Analysis;

/// <summary>
/// Tokens as the analyzer gave them: each term's characters and position increment, in order. Reused: clearing keeps
/// the buffers, so recording costs no allocation once they have grown to the largest text.
/// </summary>
internal sealed class TokenRecording
{
    private readonly List<(int Start, int Length, int PositionIncrement)> tokens = [];
    private char[] chars = new char[256];
    private int used;

    public int Count => tokens.Count;

    public ReadOnlySpan<char> this[int index] => chars.AsSpan(tokens[index].Start, tokens[index].Length);

    public int PositionIncrement(int index) => tokens[index].PositionIncrement;

    public void Clear()
    {
        tokens.Clear();
        used = 0;
    }

    public void Add(ReadOnlySpan<char> term, int positionIncrement)
    {
        if (used + term.Length > chars.Length)
        {
            Array.Resize(ref chars, Math.Max(chars.Length * 2, used + term.Length));
        }

        term.CopyTo(chars.AsSpan(used));
        tokens.Add((used, term.Length, positionIncrement));
        used += term.Length;
    }

    /// <summary>The terms, <paramref name="separator"/> between each two.</summary>
    public string Join(char separator)
    {
        if (tokens.Count == 0)
        {
            return string.Empty;
        }

        return string.Create(used + tokens.Count - 1, (Recording: this, Separator: separator), static (span, state) =>
        {
            for (var i = 0; i < state.Recording.Count; i++)
            {
                if (i > 0)
                {
                    span[0] = state.Separator;
                    span = span[1..];
                }

                state.Recording[i].CopyTo(span);
                span = span[state.Recording[i].Length..];
            }
        });
    }

    /// <summary>
    /// A token stream that plays the recording back, as it is when each play starts: for
    /// <c>Field.SetTokenStream</c>, so the index writer takes terms analyzed once already.
    /// </summary>
    public TokenStream Replay() => new Player(this);

    private sealed class Player : TokenStream
    {
        private readonly TokenRecording recording;
        private readonly ICharTermAttribute term;
        private readonly IPositionIncrementAttribute position;
        private int next;

        public Player(TokenRecording recording)
        {
            this.recording = recording;
            term = AddAttribute<ICharTermAttribute>();
            position = AddAttribute<IPositionIncrementAttribute>();
        }

        public override bool IncrementToken()
        {
            if (next == recording.Count)
            {
                return false;
            }

            ClearAttributes();
            var (start, length, increment) = recording.tokens[next];
            term.CopyBuffer(recording.chars, start, length);
            position.PositionIncrement = increment;
            next++;
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            next = 0;
        }
    }
}
