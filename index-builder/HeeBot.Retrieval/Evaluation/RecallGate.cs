using System.Globalization;
using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Search;

namespace HeeBot.Retrieval.Evaluation;

/// <summary>
/// The regression gate a new index passes before it replaces the live one: its recall@1 on the knowledge folder's gold
/// set (<see cref="DefaultFileName"/>) must be at least <see cref="MinRecall"/>. A refusal names the questions that
/// broke: the ones the live index answers with their passage and the new one does not.
/// </summary>
public sealed class RecallGate
{
    /// <summary>The gold set a knowledge folder keeps beside its articles.</summary>
    public const string DefaultFileName = "questions.tsv";

    /// <summary>What a gate asks by default: today's gold set scores 0.92 lexical and 0.98 hybrid.</summary>
    public const double DefaultMinRecall = 0.85;

    private const int BrokenShown = 10;

    private RecallGate(string path, IReadOnlyList<GoldQuestion> questions, double minRecall)
    {
        GoldPath = path;
        Questions = questions;
        MinRecall = minRecall;
    }

    public string GoldPath { get; }

    public IReadOnlyList<GoldQuestion> Questions { get; }

    public double MinRecall { get; }

    /// <summary>
    /// The gate for <paramref name="knowledgeFolder"/>: its gold set (or <paramref name="goldPath"/>) at <paramref name="minRecall"/>;
    /// null when the gate is off (a minimum of 0) or the folder keeps no gold set.
    /// </summary>
    /// <exception cref="Knowledge.KnowledgeFormatException">The gold set cannot be read.</exception>
    public static RecallGate? For(string knowledgeFolder, double minRecall, string? goldPath = null)
    {
        var path = goldPath ?? Path.Combine(knowledgeFolder, DefaultFileName);
        if (minRecall <= 0 || (goldPath is null && !File.Exists(path)))
        {
            return null;
        }

        return new RecallGate(path, GoldSet.Read(path), minRecall);
    }

    /// <summary>Evaluates <paramref name="candidate"/>, against <paramref name="live"/> when there is one, to name what broke.</summary>
    public async Task<GateVerdict> CheckAsync(PassageSearcher candidate, PassageSearcher? live, SearchOptions options, CancellationToken cancellationToken = default)
    {
        var now = await Evaluator.RunAsync(candidate, Questions, options with { Top = 1 }, cancellationToken).ConfigureAwait(false);
        // The live index is asked only when there is a miss to explain.
        var misses = now.Outcomes.Any(o => o.Question.Answerable && o.Rank != 1);
        var before = live is null || !misses ? null : await Evaluator.RunAsync(live, Questions, options with { Top = 1 }, cancellationToken).ConfigureAwait(false);
        var broken = now.Outcomes
            .Select((o, i) => (Now: o, Before: before?.Outcomes[i]))
            .Where(p => p.Now.Question.Answerable && p.Now.Rank != 1 && (p.Before is null || p.Before.Rank == 1))
            .Select(p => p.Now.Question.Question)
            .ToList();
        return new GateVerdict(GoldPath, now.RecallAt1, MinRecall, broken) { AgainstLive = live is not null };
    }

    /// <summary>
    /// The builder's <c>accept</c> step (<see cref="Indexing.PassageIndexBuilder.Build"/>): opens the new index with
    /// <paramref name="encoder"/>, checks it against <paramref name="live"/> and refuses it with the verdict when it falls short.
    /// </summary>
    /// <param name="verdicts">Told every verdict, passed or not, for the build's output.</param>
    public Func<string, string?> Acceptance(QuestionEncoder? encoder, SearchOptions options, PassageSearcher? live, Action<GateVerdict>? verdicts = null) => folder =>
    {
        using var candidate = PassageSearcher.Open(folder, encoder);
        var verdict = CheckAsync(candidate, live, options).GetAwaiter().GetResult();
        verdicts?.Invoke(verdict);
        return verdict.Passed ? null : $"the new index was refused by the regression gate: {verdict}";
    };

    /// <summary>What one index scored at the gate.</summary>
    /// <param name="Broken">Answerable questions the index misses that the live one answered (all it misses when there was none).</param>
    public sealed record GateVerdict(string GoldPath, double RecallAt1, double MinRecall, IReadOnlyList<string> Broken)
    {
        public bool Passed => RecallAt1 >= MinRecall;

        /// <summary>There was a live index to compare with, so <see cref="Broken"/> are regressions, not just misses.</summary>
        public bool AgainstLive { get; init; }

        public override string ToString()
        {
            var summary = string.Create(CultureInfo.InvariantCulture, $"recall@1 {RecallAt1:0.000} on {GoldPath} (minimum {MinRecall:0.00})");
            if (Broken.Count == 0)
            {
                return summary;
            }

            var shown = string.Join("; ", Broken.Take(BrokenShown).Select(q => $"\"{q}\""));
            return $"{summary}; {(AgainstLive ? "questions that broke" : "questions it misses")}: {shown}{(Broken.Count > BrokenShown ? $" and {Broken.Count - BrokenShown} more" : string.Empty)}";
        }
    }
}
