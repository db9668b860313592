using HeeBot.Retrieval.Search;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Retrieval;

internal static class RetrievalExtensions
{
    /// <summary>Registers one shared <see cref="PassageSearcher"/>, opened (and if need be built) before the app starts listening.</summary>
    public static IHostApplicationBuilder AddRetrieval(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetrievalOptions>()
            .BindConfiguration(RetrievalOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => PassageIndexLoader.Open(
            sp.GetRequiredService<IOptions<RetrievalOptions>>(),
            sp.GetRequiredService<IHostEnvironment>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("HeeBot.Bot.Retrieval")));
        builder.Services.AddHostedService<IndexWarmup>();
        return builder;
    }

    /// <summary>Opens the index at start-up, so a broken knowledge folder stops the app with its message instead of failing the first question.</summary>
    private sealed class IndexWarmup(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<PassageSearcher>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
