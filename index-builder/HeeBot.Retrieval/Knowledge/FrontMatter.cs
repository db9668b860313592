using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HeeBot.Retrieval.Knowledge;

/// <summary>
/// The YAML block between <c>---</c> lines at the top of an article: <c>title</c>, <c>source</c>,
/// <c>summary</c>, an optional <c>id</c>, and optional <c>questions</c>: for a section anchor, other ways
/// people ask for what that section says. Provenance, all optional: <c>url</c> (where the article is published),
/// <c>reviewed</c> (the date its content was last checked, yyyy-MM-dd), when it is due again (<c>next-review</c>, a
/// date, or <c>review-every</c>, e.g. "12 months"), and <c>contact</c> (a URL or email address of the people who
/// can help with its subject). Other fields are allowed and ignored.
/// </summary>
internal sealed record FrontMatter(string? Id, string? Title, string? Source, string? Summary, IReadOnlyList<SectionQuestions> Questions)
{
    public static readonly FrontMatter None = new(null, null, null, null, []);

    public string? Url { get; init; }

    public DateOnly? Reviewed { get; init; }

    /// <summary><c>next-review</c> when given, else <c>reviewed</c> plus <c>review-every</c>; null when neither says.</summary>
    public DateOnly? NextReview { get; init; }

    public string? Contact { get; init; }

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

        int LineOf(string name) => (int)map.Children.First(c => c.Key is YamlScalarNode k && k.Value == name).Key.Start.Line + 1;

        var reviewed = Date(Field("reviewed"), "reviewed", filePath, LineOf);
        var nextReview = Date(Field("next-review"), "next-review", filePath, LineOf);
        if (nextReview is null && Field("review-every") is { } every)
        {
            var period = ReviewPeriod.Parse(every) ?? throw new KnowledgeFormatException(
                filePath, LineOf("review-every"), $"front matter field 'review-every' is '{every}'; give a period such as '6 months', '1 year' or '8 weeks'");
            nextReview = reviewed is { } from
                ? period.After(from)
                : throw new KnowledgeFormatException(filePath, LineOf("review-every"), "front matter field 'review-every' needs 'reviewed', the date the article was last checked");
        }

        return (new FrontMatter(Field("id"), Field("title"), Field("source"), Field("summary"), ReadQuestions(map, filePath))
        {
            Url = Link(Field("url"), "url", filePath, LineOf, allowEmail: false),
            Reviewed = reviewed,
            NextReview = nextReview,
            Contact = Link(Field("contact"), "contact", filePath, LineOf, allowEmail: true),
        }, close + 1);
    }

    private static DateOnly? Date(string? value, string name, string filePath, Func<string, int> lineOf) =>
        value is null ? null
            : DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) ? date
            : throw new KnowledgeFormatException(filePath, lineOf(name), $"front matter field '{name}' is '{value}'; give a date as yyyy-MM-dd, e.g. 2026-03-31");

    /// <summary>An absolute http(s) URL; for a contact also an email address, kept as a <c>mailto:</c> link.</summary>
    private static string? Link(string? value, string name, string filePath, Func<string, int> lineOf, bool allowEmail)
    {
        if (value is null)
        {
            return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || (allowEmail && uri.Scheme == Uri.UriSchemeMailto)))
        {
            return uri.AbsoluteUri;
        }

        if (allowEmail && System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value)
        {
            return $"mailto:{value}";
        }

        throw new KnowledgeFormatException(filePath, lineOf(name), allowEmail
            ? $"front matter field '{name}' is '{value}'; give an https:// address or an email address"
            : $"front matter field '{name}' is '{value}'; give the full https:// address where the article is published");
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
