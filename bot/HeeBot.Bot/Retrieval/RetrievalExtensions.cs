using HeeBot.Retrieval.Search;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Retrieval;

internal static class RetrievalExtensions
{
    /// <summary>
    /// Registers the live <see cref="PassageIndex"/>, opened (and if need be built) before the app starts listening,
    /// and the <see cref="IndexWatcher"/> that switches it to a new index without a restart.
    /// </summary>
    public static IHostApplicationBuilder AddRetrieval(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetrievalOptions>()
            .BindConfiguration(RetrievalOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new PassageIndex(PassageIndexLoader.Open(
            sp.GetRequiredService<IOptions<RetrievalOptions>>(),
            sp.GetRequiredService<IHostEnvironment>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("HeeBot.Bot.Retrieval"))));
        builder.Services.AddHostedService<IndexWarmup>();
        builder.Services.AddHostedService<IndexWatcher>();
        return builder;
    }

    /// <summary>Opens the index at start-up, so a broken knowledge folder stops the app with its message instead of failing the first question.</summary>
    private sealed class IndexWarmup(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<PassageIndex>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
