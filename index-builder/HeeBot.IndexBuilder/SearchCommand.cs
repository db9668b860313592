using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HeeBot.Retrieval.Search;

namespace HeeBot.IndexBuilder;

/// <summary>
/// <c>search --index DIR [--top N] [--json] [--syntax plain|lucene] [question]</c>. Without a question it reads
/// one question per line from standard input and writes one JSON object per line.
/// </summary>
internal sealed class SearchCommand : Command
{
    private readonly TextReader input;

    public SearchCommand(TextReader input)
        : base("search", "Ask the index a question and print the ranked passages. Without a question, read one per line from standard input and print one JSON object per line.")
    {
        this.input = input;
        Options.Add(IndexOption);
        Options.Add(TopOption);
        Options.Add(JsonOption);
        Options.Add(SyntaxOption);
        Options.Add(ThresholdOption);
        Options.Add(RetrievalOption);
        Arguments.Add(QuestionArgument);
        SetAction(Run);
    }

    public Option<string> IndexOption { get; } = new("--index", "-i")
    {
        Description = "Index folder made by 'build'.",
        DefaultValueFactory = _ => "index",
    };

    public Option<int> TopOption { get; } = Cli.Ranged(
        new Option<int>("--top", "-n") { Description = "How many passages to show.", DefaultValueFactory = _ => SearchOptions.DefaultTop },
        1,
        SearchOptions.MaxTop);

    public Option<bool> JsonOption { get; } = new("--json") { Description = "Print the search JSON instead of text." };

    public Option<QuerySyntax> SyntaxOption { get; } = new("--syntax")
    {
        Description = "plain (default): any text, no operators. lucene: classic Lucene query syntax, for content editors.",
        DefaultValueFactory = _ => QuerySyntax.Plain,
    };

    public Option<double?> ThresholdOption { get; } = Cli.Ranged(
        new Option<double?>("--threshold") { Description = "Confidence the best passage needs for the question to count as answered (default 0.35 hybrid, 0.40 lexical)." },
        0.0,
        1.0);

    public Option<RetrievalMode> RetrievalOption { get; } = Cli.RetrievalOption(
        "hybrid (default): the lexical ranking fused with the in-process embedding model; lexical: words only.");

    public Argument<string?> QuestionArgument { get; } = new("question")
    {
        Description = "The question; omit it to read questions from standard input.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private async Task<int> Run(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var mode = parseResult.GetValue(RetrievalOption);
        var options = new SearchOptions(parseResult.GetValue(TopOption), parseResult.GetValue(ThresholdOption), parseResult.GetValue(SyntaxOption)) { Mode = mode };
        var (searcher, encoder, exitCode) = Cli.Open(parseResult.GetValue(IndexOption)!, mode, Cli.FloatModel(parseResult), error);
        if (searcher is null)
        {
            return exitCode;
        }

        using (encoder)
        using (searcher)
        {
            if (parseResult.GetValue(QuestionArgument) is { } question)
            {
                return await SearchOneAsync(searcher, question, options, parseResult.GetValue(JsonOption), output, error, cancellationToken);
            }

            return await SearchBatchAsync(searcher, options, output, cancellationToken);
        }
    }

    private static async Task<int> SearchOneAsync(
        PassageSearcher searcher, string question, SearchOptions options, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        SearchResult result;
        try
        {
            result = await searcher.SearchAsync(question, options, cancellationToken);
        }
        catch (QuerySyntaxException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        if (json)
        {
            output.WriteLine(result.ToJson());
        }
        else
        {
            WriteText(result, options, output);
        }

        return ExitCodes.Success;
    }

    private async Task<int> SearchBatchAsync(PassageSearcher searcher, SearchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var exitCode = ExitCodes.Success;
        while (input.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                output.WriteLine((await searcher.SearchAsync(line, options, cancellationToken)).ToJson());
            }
            catch (QuerySyntaxException e)
            {
                // One bad line must not stop the batch: report it in place, in JSON, and carry on.
                output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string> { ["query"] = line, ["error"] = e.Message }));
                exitCode = ExitCodes.BadInput;
            }
        }

        return exitCode;
    }

    private static void WriteText(SearchResult result, SearchOptions options, TextWriter output)
    {
        foreach (var (typed, used) in result.Corrections)
        {
            output.WriteLine($"(read '{typed}' as '{used}')");
        }

        if (result.Results.Count == 0)
        {
            output.WriteLine("No passage matches this question.");
            return;
        }

        if (!result.Answered)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Declined: the best passage has confidence {result.Results[0].Confidence:0.00}, below {options.ThresholdFor(result.Path):0.00}. Closest passages:"));
        }

        foreach (var hit in result.Results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{hit.Rank}. {hit.Title}  (confidence {hit.Confidence:0.00}, score {hit.Score:0.00})"));
            output.WriteLine($"   {hit.Text}");
            output.WriteLine($"   [{hit.Id}]");
        }
    }
}
