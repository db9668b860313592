using HeeBot.Retrieval.Knowledge;

namespace HeeBot.Retrieval.Evaluation;

/// <summary>
/// Reads <c>questions.tsv</c>: a header line, then <c>question TAB expected TAB split</c>, where expected is
/// comma-separated passage ids or <c>-</c> for a question that should be declined, and split is dev or test.
/// </summary>
public static class GoldSet
{
    public static IReadOnlyList<GoldQuestion> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new KnowledgeFormatException(path, null, "questions file not found");
        }

        var questions = new List<GoldQuestion>();
        var lines = File.ReadAllLines(path);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var columns = line.Split('\t');
            if (columns.Length < 2 || string.IsNullOrWhiteSpace(columns[0]) || string.IsNullOrWhiteSpace(columns[1]))
            {
                throw new KnowledgeFormatException(path, i + 1, "expected 'question<TAB>expected ids or -<TAB>split'");
            }

            var expected = columns[1].Trim() == "-"
                ? new HashSet<string>()
                : columns[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            var split = columns.Length > 2 && columns[2].Trim().Length > 0 ? columns[2].Trim() : "dev";
            questions.Add(new GoldQuestion(columns[0].Trim(), expected, split, i + 1));
        }

        if (questions.Count == 0)
        {
            throw new KnowledgeFormatException(path, null, "no questions");
        }

        return questions;
    }
}
