using System.Diagnostics;
using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Search;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Index;

internal static partial class RetrievalExtensions
{
    /// <summary>
    /// Registers the live <see cref="PassageIndex"/>, opened (and if need be built) before the app starts listening,
    /// the <see cref="IndexWatcher"/> that switches it to a new index without a restart, and, unless
    /// <c>Retrieval:Semantic</c> is false, the in-process embedding model both use.
    /// </summary>
    public static IHostApplicationBuilder AddRetrieval(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetrievalOptions>()
            .BindConfiguration(RetrievalOptions.SectionName)
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                if (options.Embedding.CacheFolder is { Length: > 0 } folder)
                {
                    options.Embedding.CacheFolder = Path.GetFullPath(folder, environment.ContentRootPath);
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (builder.Configuration.GetValue($"{RetrievalOptions.SectionName}:{nameof(RetrievalOptions.Semantic)}", true))
        {
            builder.Services.AddSingleton(sp => LoadModel(
                sp.GetRequiredService<IOptions<RetrievalOptions>>().Value, sp.GetRequiredService<ILoggerFactory>().CreateLogger("HeeBot.Bot.Index")));
        }

        builder.Services.AddSingleton(sp => new PassageIndex(PassageIndexLoader.Open(
            sp.GetRequiredService<IOptions<RetrievalOptions>>(),
            sp.GetRequiredService<IHostEnvironment>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("HeeBot.Bot.Index"),
            sp.GetService<QuestionEncoder>())));
        builder.Services.AddHostedService<IndexWarmup>();
        builder.Services.AddHostedService<IndexWatcher>();
        return builder;
    }

    /// <exception cref="EmbeddingModelUnavailableException">The model cannot be loaded; start-up fails with what is missing.</exception>
    private static QuestionEncoder LoadModel(RetrievalOptions options, ILogger logger)
    {
        var clock = Stopwatch.StartNew();
        var generator = new MiniLmEmbeddingGenerator(options.Embedding);
        var encoder = new QuestionEncoder(generator, options.QuestionCacheSize, ownsGenerator: true);
        LogModelLoaded(logger, encoder.Model, clock.Elapsed.TotalMilliseconds, options.Embedding.Threads, options.Embedding.MaxConcurrency, generator.LoadedFrom);
        return encoder;
    }

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Retrieval: hybrid, lexical fused with {Model}, loaded in {ElapsedMs:0} ms ({Threads} thread(s) per inference, {Concurrency} at once; {Source})")]
    private static partial void LogModelLoaded(ILogger logger, EmbeddingModel model, double elapsedMs, int threads, int concurrency, string source);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Retrieval: lexical only (Retrieval:Semantic=false); the embedding model is not loaded")]
    private static partial void LogLexicalOnly(ILogger logger);

    /// <summary>Opens the index at start-up, so a broken knowledge folder or a missing model stops the app with its message instead of failing the first question.</summary>
    private sealed class IndexWarmup(IServiceProvider services, IOptions<RetrievalOptions> options, ILoggerFactory loggers) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!options.Value.Semantic)
            {
                var logger = loggers.CreateLogger("HeeBot.Bot.Index");
                LogLexicalOnly(logger);
            }

            services.GetRequiredService<PassageIndex>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
