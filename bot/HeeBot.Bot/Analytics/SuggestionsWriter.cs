using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using HeeBot.Retrieval.Search;

namespace HeeBot.Bot.Analytics;

/// <summary>
/// <c>report --suggest</c>: the editors' loop. Questions people marked helpful and the passages they chose after "Did
/// you mean", as front-matter YAML per article and section, ready to paste under <c>questions:</c>; and questions
/// declined more than once, as content gaps. Questions are written as double-quoted YAML scalars (JSON strings), so
/// whatever people typed pastes safely.
/// </summary>
internal static class SuggestionsWriter
{
    public static async Task WriteAsync(TextWriter output, UsageSuggestions suggestions, PassageSearcher? index, string since)
    {
        await output.WriteLineAsync($"# HeeBot: alternate questions suggested by use {since}.");
        await output.WriteLineAsync("# Paste each section's list under 'questions:' in that article's front matter (merge with what is there),");
        await output.WriteLineAsync("# keeping only questions the section really answers. Never paste questions from the gold sets.");

        var sections = new SortedDictionary<string, SortedDictionary<string, List<Suggestion>>>(StringComparer.Ordinal);
        var unknown = new List<QuestionCount>();
        foreach (var (found, how) in suggestions.Helpful.Select(q => (q, "helpful")).Concat(suggestions.Chosen.Select(q => (q, "chosen after \"Did you mean\""))))
        {
            if (index?.Get(found.PassageId!) is not { } hit)
            {
                unknown.Add(found);
                continue;
            }

            var file = hit.Article?.File ?? hit.Source.Split('#')[0];
            var anchor = hit.Source[(hit.Source.IndexOf('#', StringComparison.Ordinal) + 1)..];
            var list = sections.TryGetValue(file, out var anchors) ? anchors : sections[file] = new(StringComparer.Ordinal);
            var questions = list.TryGetValue(anchor, out var existing) ? existing : list[anchor] = [];
            var same = questions.FindIndex(s => string.Equals(s.Question.Trim(), found.Question.Trim(), StringComparison.OrdinalIgnoreCase));
            if (same < 0)
            {
                questions.Add(new Suggestion(found.Question.Trim(), [$"{how} {found.Count}"]));
            }
            else
            {
                questions[same].Counts.Add($"{how} {found.Count}");
            }
        }

        if (sections.Count == 0 && unknown.Count == 0)
        {
            await output.WriteLineAsync("# No questions were marked helpful or chosen in this period.");
        }

        foreach (var (file, anchors) in sections)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"# {file}");
            await output.WriteLineAsync("questions:");
            foreach (var (anchor, questions) in anchors)
            {
                await output.WriteLineAsync($"  {anchor}:");
                foreach (var suggestion in questions)
                {
                    await output.WriteLineAsync($"    - {Quoted(suggestion.Question)}  # {string.Join(", ", suggestion.Counts)}");
                }
            }
        }

        if (unknown.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync(index is null ? "# Passages not looked up (no index):" : "# Passages no longer in the index:");
            foreach (var q in unknown)
            {
                await output.WriteLineAsync($"#   {q.PassageId}: {Quoted(q.Question)} ({q.Count})");
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(suggestions.RepeatedDeclines.Count == 0
            ? "# Content gaps: no question was declined more than once."
            : "# Content gaps: declined more than once; no article answers them yet:");
        foreach (var gap in suggestions.RepeatedDeclines)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"#   {gap.Count,4}  {Quoted(gap.Question)}"));
        }
    }

    /// <summary>A YAML double-quoted scalar: JSON string escapes, which YAML reads the same, with other scripts kept as typed.</summary>
    private static string Quoted(string text) => $"\"{JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\"";

    private sealed record Suggestion(string Question, List<string> Counts);
}
