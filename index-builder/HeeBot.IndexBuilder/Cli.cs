using System.CommandLine;
using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Search;

namespace HeeBot.IndexBuilder;

/// <summary>The heebot-index command line: build, search and eval over the HeeBot passage index.</summary>
internal static class Cli
{
    public static RootCommand Create(TextReader input) =>
        new("HeeBot index builder: turn knowledge articles into a passage index, search it and evaluate it.")
        {
            FloatModelOption(),
            new BuildCommand(),
            new SearchCommand(input),
            new EvalCommand(),
        };

    private const string FloatModelName = "--float-model";

    /// <summary>Whether <c>--float-model</c> was given.</summary>
    public static bool FloatModel(ParseResult parseResult) => parseResult.GetValue<bool>(FloatModelName);

    /// <summary><c>--float-model</c>, for every command: the embedding model as published instead of int8 (the bot's <c>Retrieval:Embedding:Quantized=false</c>).</summary>
    public static Option<bool> FloatModelOption() => new(FloatModelName)
    {
        Description = "Run the embedding model as published (float) instead of int8: slower, for comparison or for a bot run with Retrieval:Embedding:Quantized=false. An index is built and searched with the same.",
        Recursive = true,
    };

    /// <summary>Parses and runs <paramref name="args"/>; usage errors exit with <see cref="ExitCodes.BadUsage"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parseResult = Create(input).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}");
            }

            var command = parseResult.CommandResult.Command is RootCommand ? "heebot-index" : $"heebot-index {parseResult.CommandResult.Command.Name}";
            await error.WriteLineAsync($"Run '{command} --help' for usage.");
            return ExitCodes.BadUsage;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary><c>--retrieval lexical|hybrid</c>: whether the embedding model takes part (hybrid, the default).</summary>
    public static Option<RetrievalMode> RetrievalOption(string description) => new("--retrieval")
    {
        Description = description,
        DefaultValueFactory = _ => RetrievalMode.Hybrid,
    };

    /// <summary>The in-process embedding model for questions, or null in lexical mode.</summary>
    /// <exception cref="EmbeddingModelUnavailableException">The model cannot be loaded.</exception>
    public static QuestionEncoder? Encoder(RetrievalMode mode, bool floatModel) =>
        mode == RetrievalMode.Hybrid
            ? new QuestionEncoder(new MiniLmEmbeddingGenerator(new EmbeddingModelOptions { Quantized = !floatModel }), ownsGenerator: true)
            : null;

    /// <summary>
    /// Opens the index at <paramref name="indexPath"/> with the model <paramref name="mode"/> needs; on failure writes the
    /// error and returns the exit code (<see cref="ExitCodes.BadInput"/>, <see cref="ExitCodes.ModelUnavailable"/>).
    /// </summary>
    public static (PassageSearcher? Searcher, QuestionEncoder? Encoder, int ExitCode) Open(string indexPath, RetrievalMode mode, bool floatModel, TextWriter error)
    {
        QuestionEncoder? encoder = null;
        try
        {
            encoder = Encoder(mode, floatModel);
            return (PassageSearcher.Open(indexPath, encoder), encoder, ExitCodes.Success);
        }
        catch (IndexUnavailableException e)
        {
            encoder?.Dispose();
            error.WriteLine($"error: {e.Message}");
            return (null, null, ExitCodes.BadInput);
        }
        catch (EmbeddingModelUnavailableException e)
        {
            error.WriteLine($"error: {e.Message}");
            return (null, null, ExitCodes.ModelUnavailable);
        }
    }

    /// <summary>An option that must lie between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static Option<T> Ranged<T>(Option<T> option, T min, T max)
        where T : IComparable<T>
    {
        option.Validators.Add(result =>
        {
            T? value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                return; // not a value of that type at all; the parser reports that itself
            }

            if (value is not null && (value.CompareTo(min) < 0 || value.CompareTo(max) > 0))
            {
                result.AddError($"{option.Name} must be between {min} and {max}, not {value}.");
            }
        });
        return option;
    }

    /// <summary>An optional option that, when given, must lie between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static Option<T?> Ranged<T>(Option<T?> option, T min, T max)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T?>() is { } value && (value.CompareTo(min) < 0 || value.CompareTo(max) > 0))
            {
                result.AddError($"{option.Name} must be between {min} and {max}, not {value}.");
            }
        });
        return option;
    }
}
