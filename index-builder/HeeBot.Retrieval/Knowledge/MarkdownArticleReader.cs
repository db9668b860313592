using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HeeBot.Retrieval.Knowledge;

/// <summary>
/// Turns Markdown articles into passages: one per paragraph or list item, each under the headings it sits
/// below. Headings on their own never become passages. Problems are reported as
/// <see cref="KnowledgeFormatException"/> naming the file and line.
/// </summary>
public static partial class MarkdownArticleReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .Build();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads every <c>.md</c> file below <paramref name="folder"/>, in a stable (ordinal path) order.</summary>
    public static IReadOnlyList<KnowledgeDocument> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new KnowledgeFormatException(folder, null, "knowledge folder not found");
        }

        var files = Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories)
            .Select(path => (Path: path, Relative: Path.GetRelativePath(folder, path).Replace('\\', '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new KnowledgeFormatException(folder, null, "no Markdown (.md) files in the knowledge folder");
        }

        // Files are read on every core; the first failing file, in name order, is the error reported.
        var documents = new KnowledgeDocument[files.Count];
        var failures = new ExceptionDispatchInfo?[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            try
            {
                documents[i] = ReadFile(files[i].Path, files[i].Relative);
            }
            catch (Exception e)
            {
                failures[i] = ExceptionDispatchInfo.Capture(e);
            }
        });
        Array.Find(failures, f => f is not null)?.Throw();
        EnsureUniqueIds(documents, folder);
        return documents;
    }

    /// <summary>Reads one article; <paramref name="relativePath"/> names it in ids, sources and errors.</summary>
    public static KnowledgeDocument ReadFile(string path, string relativePath)
    {
        var bytes = File.ReadAllBytes(path);
        return Parse(Decode(bytes, path), relativePath, path);
    }

    /// <summary>Splits the Markdown text of one article into passages.</summary>
    /// <param name="displayPath">The path error messages name; defaults to <paramref name="relativePath"/>.</param>
    public static KnowledgeDocument Parse(string markdown, string relativePath, string? displayPath = null)
    {
        var file = displayPath ?? relativePath;
        if (string.IsNullOrWhiteSpace(markdown))
        {
            throw new KnowledgeFormatException(file, null, "the file is empty");
        }

        var lines = markdown.Split('\n');
        var (frontMatter, _) = FrontMatter.Read(lines, file);
        var parsed = Markdown.Parse(markdown, Pipeline);

        var fileStem = relativePath.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? relativePath[..^3] : relativePath;
        var documentId = frontMatter.Id ?? Slug(fileStem);
        string? title = frontMatter.Title;
        var rootAnchor = title is null ? "top" : Slug(title);
        var headings = new List<(int Level, string Text, string Anchor)>();
        var passages = new List<Passage>();
        var perAnchor = new Dictionary<string, int>(StringComparer.Ordinal);

        void AddPassage(string text, int line)
        {
            text = CollapseWhitespace(text);
            if (text.Length == 0)
            {
                return;
            }

            if (title is null)
            {
                throw new KnowledgeFormatException(file, line, "text before any title: start the article with '# Title' or give 'title' in the front matter");
            }

            var anchor = headings.Count > 0 ? headings[^1].Anchor : rootAnchor;
            var n = perAnchor[anchor] = perAnchor.GetValueOrDefault(anchor) + 1;
            var id = n == 1 ? $"{documentId}#{anchor}" : $"{documentId}#{anchor}-{n}";
            IReadOnlyList<string> path = headings.Count > 0 ? headings.Select(h => h.Text).ToArray() : [title];
            var questions = frontMatter.Questions.Where(q => q.Anchor == anchor).SelectMany(q => q.Questions).ToList();
            passages.Add(new Passage(id, documentId, title, path, text, $"{relativePath}#{anchor}", line) { Questions = questions });
        }

        void Walk(ContainerBlock container)
        {
            foreach (var block in container)
            {
                switch (block)
                {
                    case HeadingBlock { Level: 1 } h1:
                        var h1Text = InlineText(h1.Inline).Trim();
                        if (passages.Count > 0 || headings.Count > 0)
                        {
                            throw new KnowledgeFormatException(file, h1.Line + 1, "a second title ('# ...'): an article has one title; use '## ...' for sections");
                        }

                        title ??= h1Text;
                        rootAnchor = h1.GetAttributes().Id ?? Slug(h1Text);
                        break;
                    case HeadingBlock heading:
                        headings.RemoveAll(h => h.Level >= heading.Level);
                        var text = InlineText(heading.Inline).Trim();
                        headings.Add((heading.Level, text, heading.GetAttributes().Id ?? Slug(text)));
                        break;
                    case ParagraphBlock paragraph:
                        AddPassage(InlineText(paragraph.Inline), paragraph.Line + 1);
                        break;
                    case ListBlock list:
                        foreach (var item in list.OfType<ListItemBlock>())
                        {
                            AddPassage(string.Join(' ', item.Descendants<ParagraphBlock>().Select(p => InlineText(p.Inline))), item.Line + 1);
                        }

                        break;
                    case QuoteBlock quote:
                        Walk(quote);
                        break;
                    default:
                        // Front matter, code, HTML, tables and rules are not prose the bot should quote.
                        break;
                }
            }
        }

        Walk(parsed);

        if (title is null)
        {
            throw new KnowledgeFormatException(file, null, "no title: start the article with '# Title' or give 'title' in the front matter");
        }

        if (passages.Count == 0)
        {
            throw new KnowledgeFormatException(file, null, "no passages: the article has no paragraphs or list items");
        }

        var anchors = passages.Select(p => p.Source[(p.Source.IndexOf('#', StringComparison.Ordinal) + 1)..]).ToHashSet(StringComparer.Ordinal);
        if (frontMatter.Questions.FirstOrDefault(q => !anchors.Contains(q.Anchor)) is { } unknown)
        {
            throw new KnowledgeFormatException(file, unknown.Line, $"questions for '{unknown.Anchor}': the article has no section with that anchor (it has {string.Join(", ", anchors)})");
        }

        return new KnowledgeDocument(documentId, title, frontMatter.Source, frontMatter.Summary, relativePath, passages)
        {
            Info = new ArticleInfo(documentId, title, relativePath)
            {
                Url = frontMatter.Url,
                Reviewed = frontMatter.Reviewed,
                NextReview = frontMatter.NextReview,
                Contact = frontMatter.Contact,
            },
        };
    }

    /// <summary>A GitHub-style anchor: lower case, letters, digits, '-' and '_' kept, spaces to '-', the rest dropped.</summary>
    internal static string Slug(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_' or '/')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('-');
            }
        }

        return sb.Length > 0 ? sb.ToString() : "section";
    }

    private static string Decode(byte[] bytes, string path)
    {
        if (Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            var line = 1 + bytes.AsSpan(0, read).Count((byte)'\n');
            throw new KnowledgeFormatException(path, line, $"not valid UTF-8 (byte 0x{bytes[read]:X2} at offset {read}); save the file as UTF-8");
        }

        var text = StrictUtf8.GetString(bytes);
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
    }

    private static void EnsureUniqueIds(IEnumerable<KnowledgeDocument> documents, string folder)
    {
        var seen = new Dictionary<string, Passage>(StringComparer.Ordinal);
        foreach (var passage in documents.SelectMany(d => d.Passages))
        {
            if (seen.TryGetValue(passage.Id, out var first))
            {
                throw new KnowledgeFormatException(
                    Path.Combine(folder, SourceFile(passage)),
                    passage.Line,
                    $"duplicate passage id '{passage.Id}' (also at {Path.Combine(folder, SourceFile(first))}:{first.Line}); give one of the articles another 'id' in its front matter");
            }

            seen.Add(passage.Id, passage);
        }
    }

    private static string SourceFile(Passage passage) => passage.Source[..passage.Source.IndexOf('#', StringComparison.Ordinal)];

    private static string InlineText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        AppendInline(sb, inline);
        return sb.ToString();
    }

    private static void AppendInline(StringBuilder sb, Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                sb.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                sb.Append(code.Content);
                break;
            case LineBreakInline:
                sb.Append(' ');
                break;
            case AutolinkInline autolink:
                sb.Append(autolink.Url);
                break;
            case HtmlEntityInline entity:
                sb.Append(entity.Transcoded.AsSpan());
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    AppendInline(sb, child);
                }

                break;
            default:
                // Raw HTML inlines carry no prose.
                break;
        }
    }

    /// <summary>Runs of whitespace as one space, none at the ends. Most paragraphs are clean already and are returned as they are.</summary>
    private static string CollapseWhitespace(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || i == 0 || i == text.Length - 1 || char.IsWhiteSpace(text[i + 1])))
            {
                return Whitespace().Replace(text, " ").Trim();
            }
        }

        return text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
