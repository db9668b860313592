using System.ComponentModel.DataAnnotations;
using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Evaluation;
using HeeBot.Retrieval.Search;

namespace HeeBot.Bot.Index;

/// <summary>Where the knowledge and the index live (relative paths are from the app's content root), and the answer threshold.</summary>
public sealed class RetrievalOptions
{
    public const string SectionName = "Retrieval";

    [Required]
    public string KnowledgePath { get; set; } = "knowledge";

    [Required]
    public string IndexPath { get; set; } = "index";

    /// <summary>
    /// How often the index folder and the knowledge folder are checked for changes: a new index there goes live, and
    /// knowledge newer than the live index is rebuilt into it. Zero turns checking off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The confidence the best passage needs for a question to be answered, for every caller (the bot, /api/search);
    /// unset: 0.35 for the fused decision, 0.40 lexical only (<see cref="HeeBot.Retrieval.Search.SearchOptions"/>).
    /// </summary>
    [Range(0.0, 1.0)]
    public double? Threshold { get; set; }

    /// <summary>
    /// Fuse the lexical ranking with the in-process embedding model (all-MiniLM-L6-v2). False: lexical only, for a
    /// deployment that cannot afford the model's memory (some 400 MB) or CPU; the index is then built without vectors.
    /// </summary>
    public bool Semantic { get; set; } = true;

    /// <summary>The embedding model's threads per inference and inferences at once.</summary>
    public EmbeddingModelOptions Embedding { get; set; } = new();

    /// <summary>Questions whose vectors are kept, so a question asked again skips the model. 0 keeps none.</summary>
    [Range(0, 1_000_000)]
    public int QuestionCacheSize { get; set; } = 10_000;

    /// <summary>
    /// The regression gate: an index built from changed knowledge, or put in the index folder, goes live only if its
    /// recall@1 on <see cref="GateQuestions"/> is at least this; otherwise the live index keeps answering and a warning
    /// names the questions that broke. 0 turns the gate off.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinRecall { get; set; } = RecallGate.DefaultMinRecall;

    /// <summary>The gate's gold questions; unset: <c>questions.tsv</c> in the knowledge folder (no gate when there is none).</summary>
    public string? GateQuestions { get; set; }

    /// <summary>The search options every caller uses, with the configured threshold.</summary>
    public SearchOptions Search(int top = SearchOptions.DefaultTop) => new(top, Threshold);
}
