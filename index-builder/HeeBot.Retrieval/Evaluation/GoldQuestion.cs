namespace HeeBot.Retrieval.Evaluation;

/// <summary>One line of the gold set: a question and the passage ids that answer it (none: it should be declined).</summary>
/// <param name="Split">"dev" for questions tuning may look at, "test" for held-out ones.</param>
/// <param name="Line">Line in the TSV file.</param>
public sealed record GoldQuestion(string Question, IReadOnlySet<string> Expected, string Split, int Line)
{
    public bool Answerable => Expected.Count > 0;
}
