using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HeeBot.Retrieval.Knowledge;

/// <summary>
/// The YAML block between <c>---</c> lines at the top of an article: <c>title</c>, <c>source</c>,
/// <c>summary</c>, an optional <c>id</c>, and optional <c>questions</c>: for a section anchor, other ways
/// people ask for what that section says. Other fields are allowed and ignored.
/// </summary>
internal sealed record FrontMatter(string? Id, string? Title, string? Source, string? Summary, IReadOnlyList<SectionQuestions> Questions)
{
    public static readonly FrontMatter None = new(null, null, null, null, []);

    /// <summary>Reads the front matter of <paramref name="lines"/>, if the file starts with one.</summary>
    /// <returns>The front matter and the number of lines it spans (0 when there is none).</returns>
    public static (FrontMatter FrontMatter, int LineCount) Read(IReadOnlyList<string> lines, string filePath)
    {
        if (lines.Count == 0 || lines[0].TrimEnd() != "---")
        {
            return (None, 0);
        }

        var close = -1;
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].TrimEnd() is "---" or "...")
            {
                close = i;
                break;
            }
        }

        if (close < 0)
        {
            throw new KnowledgeFormatException(filePath, 1, "front matter opened with '---' is never closed by a second '---' line");
        }

        var yaml = string.Join('\n', lines.Skip(1).Take(close - 1));
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // YamlDotNet counts lines from 1 within the YAML text, which starts on the file's second line.
            var line = (int)e.Start.Line + 1;
            throw new KnowledgeFormatException(filePath, line, $"front matter is not valid YAML: {e.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return (None, close + 1);
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            throw new KnowledgeFormatException(filePath, 2, "front matter must be a set of 'field: value' lines");
        }

        string? Field(string name)
        {
            var entry = map.Children.FirstOrDefault(c => c.Key is YamlScalarNode k && k.Value == name);
            return entry.Value switch
            {
                null => null,
                YamlScalarNode scalar => string.IsNullOrWhiteSpace(scalar.Value) ? null : scalar.Value.Trim(),
                var node => throw new KnowledgeFormatException(
                    filePath, (int)node.Start.Line + 1, $"front matter field '{name}' must be text, not a list or a map"),
            };
        }

        return (new FrontMatter(Field("id"), Field("title"), Field("source"), Field("summary"), ReadQuestions(map, filePath)), close + 1);
    }

    private static List<SectionQuestions> ReadQuestions(YamlMappingNode map, string filePath)
    {
        var entry = map.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "questions" });
        if (entry.Value is null or YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        if (entry.Value is not YamlMappingNode sections)
        {
            throw new KnowledgeFormatException(filePath, (int)entry.Value.Start.Line + 1, "front matter field 'questions' must map section anchors to lists of questions");
        }

        var result = new List<SectionQuestions>();
        foreach (var (key, value) in sections.Children)
        {
            var line = (int)key.Start.Line + 1;
            var questions = value switch
            {
                YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode) =>
                    list.Children.Cast<YamlScalarNode>().Select(c => c.Value?.Trim() ?? string.Empty).Where(q => q.Length > 0).ToList(),
                YamlScalarNode { Value: { Length: > 0 } single } => [single.Trim()],
                _ => throw new KnowledgeFormatException(filePath, line, $"questions for '{key}' must be a list of questions"),
            };
            result.Add(new SectionQuestions(((YamlScalarNode)key).Value ?? string.Empty, questions, line));
        }

        return result;
    }
}
