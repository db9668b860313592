using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HeeBot.Retrieval.Embeddings;
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

    private int Run(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var knowledge = parseResult.GetValue(KnowledgeOption)!;
        var index = parseResult.GetValue(IndexOption)!;
        try
        {
            output.WriteLine($"building {index} from {knowledge}");
            using var model = parseResult.GetValue(RetrievalOption) == RetrievalMode.Hybrid ? new MiniLmEmbeddingGenerator() : null;
            var result = PassageIndexBuilder.Build(knowledge, index, parseResult.GetValue(SynonymsOption), line => output.WriteLine($"  {line}"), model);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"built {result.IndexPath}: {result.Documents} {Plural(result.Documents, "document")}, {result.Passages} {Plural(result.Passages, "passage")} in {result.Elapsed.TotalSeconds:0.00} s"));
            if (parseResult.GetValue(ExportOption) is { } export)
            {
                var passages = MarkdownArticleReader.ReadFolder(knowledge).SelectMany(d => d.Passages).Select(p => new { p.Id, p.Title, p.Text, p.Source });
                File.WriteAllText(export, JsonSerializer.Serialize(passages, ExportJson));
                output.WriteLine($"  passages written to {export}");
            }

            return ExitCodes.Success;
        }
        catch (KnowledgeFormatException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine("The index was not changed.");
            return ExitCodes.BadInput;
        }
        catch (EmbeddingModelUnavailableException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine("The index was not changed.");
            return ExitCodes.ModelUnavailable;
        }
    }

    private static string Plural(int n, string word) => n == 1 ? word : word + "s";
}
