using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Evaluation;
using HeeBot.Retrieval.Indexing;
using HeeBot.Retrieval.Knowledge;
using HeeBot.Retrieval.Search;

namespace HeeBot.IndexBuilder;

/// <summary><c>build --knowledge DIR --index DIR [--synonyms FILE]</c>: Markdown articles to a passage index.</summary>
internal sealed class BuildCommand : Command
{
    public BuildCommand()
        : base("build", "Build the passage index from the Markdown articles of a knowledge folder. The new index replaces the old one only once it is complete.")
    {
        Options.Add(KnowledgeOption);
        Options.Add(IndexOption);
        Options.Add(SynonymsOption);
        Options.Add(ExportOption);
        Options.Add(RetrievalOption);
        Options.Add(GateOption);
        Options.Add(MinRecallOption);
        SetAction(Run);
    }

    public Option<string> KnowledgeOption { get; } = new("--knowledge", "-k")
    {
        Description = "Folder of Markdown (.md) articles; synonyms.txt in it is used when present.",
        DefaultValueFactory = _ => "knowledge",
    };

    public Option<string> IndexOption { get; } = new("--index", "-i")
    {
        Description = "Index folder to create or replace.",
        DefaultValueFactory = _ => "index",
    };

    public Option<string?> SynonymsOption { get; } = new("--synonyms")
    {
        Description = "Solr-format synonyms file (default: synonyms.txt in the knowledge folder).",
    };

    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public Option<string?> ExportOption { get; } = new("--export")
    {
        Description = "Also write every passage (id, title, text, source) to this JSON file, for other tools.",
    };

    public Option<RetrievalMode> RetrievalOption { get; } = Cli.RetrievalOption(
        "hybrid (default): also embed every passage with the in-process model, reusing the vectors of unchanged passages; lexical: no vectors.");

    public Option<string?> GateOption { get; } = new("--gate")
    {
        Description = $"Gold questions the new index must still answer before it replaces the old one (default: {RecallGate.DefaultFileName} in the knowledge folder, when there is one).",
    };

    public Option<double> MinRecallOption { get; } = Cli.Ranged(
        new Option<double>("--min-recall") { Description = "The recall@1 on the gate's questions below which the new index is refused; 0 turns the gate off.", DefaultValueFactory = _ => RecallGate.DefaultMinRecall }, 0.0, 1.0);

    private int Run(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var knowledge = parseResult.GetValue(KnowledgeOption)!;
        var index = parseResult.GetValue(IndexOption)!;
        try
        {
            output.WriteLine($"building {index} from {knowledge}");
            var mode = parseResult.GetValue(RetrievalOption);
            using var encoder = Cli.Encoder(mode, Cli.FloatModel(parseResult));
            var gate = RecallGate.For(knowledge, parseResult.GetValue(MinRecallOption), parseResult.GetValue(GateOption));
            using var live = gate is null ? null : TryOpen(index, encoder);
            var accept = gate?.Acceptance(encoder, SearchOptions.Default with { Mode = mode }, live, verdict => output.WriteLine($"  gate: {verdict}"));
            var result = PassageIndexBuilder.Build(knowledge, index, parseResult.GetValue(SynonymsOption), line => output.WriteLine($"  {line}"), encoder?.Generator, accept);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"built {result.IndexPath}: {result.Documents} {Plural(result.Documents, "document")}, {result.Passages} {Plural(result.Passages, "passage")} in {result.Elapsed.TotalSeconds:0.00} s"));
            if (parseResult.GetValue(ExportOption) is { } export)
            {
                var passages = MarkdownArticleReader.ReadFolder(knowledge).SelectMany(d => d.Passages).Select(p => new { p.Id, p.Title, p.Text, p.Source });
                File.WriteAllText(export, JsonSerializer.Serialize(passages, ExportJson));
                output.WriteLine($"  passages written to {export}");
            }

            foreach (var article in ArticleInfo.DueForReview(result.Articles, DateOnly.FromDateTime(DateTime.UtcNow)))
            {
                error.WriteLine($"warning: {Path.Combine(knowledge, article.File)}: due for review since {article.NextReview:yyyy-MM-dd} (last reviewed {article.Reviewed:yyyy-MM-dd})");
            }

            return ExitCodes.Success;
        }
        catch (KnowledgeFormatException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine("The index was not changed.");
            return ExitCodes.BadInput;
        }
        catch (IndexRefusedException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine("The index was not changed.");
            return ExitCodes.Failed;
        }
        catch (EmbeddingModelUnavailableException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine("The index was not changed.");
            return ExitCodes.ModelUnavailable;
        }
    }

    /// <summary>The index the new one would replace, to name what a refused build broke; null when there is none usable.</summary>
    private static PassageSearcher? TryOpen(string index, QuestionEncoder? encoder)
    {
        try
        {
            return PassageSearcher.Open(index, encoder);
        }
        catch (IndexUnavailableException)
        {
            return null;
        }
    }

    private static string Plural(int n, string word) => n == 1 ? word : word + "s";
}
