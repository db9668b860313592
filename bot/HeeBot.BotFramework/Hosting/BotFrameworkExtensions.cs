using HeeBot.BotFramework.Authentication;
using HeeBot.BotFramework.Connector;
using HeeBot.BotFramework.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace HeeBot.BotFramework.Hosting;

/// <summary>Registration and endpoint mapping of the Bot Framework protocol.</summary>
public static class BotFrameworkExtensions
{
    /// <summary>
    /// Adds the protocol with <typeparamref name="TBot"/> as the bot: credentials from the root configuration keys
    /// (MicrosoftAppType, MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId), validated at start-up;
    /// other settings from the <c>BotFramework</c> section.
    /// </summary>
    public static IHostApplicationBuilder AddBotFramework<TBot>(this IHostApplicationBuilder builder)
        where TBot : class, IBot
    {
        var services = builder.Services;
        services.AddOptions<BotCredentials>()
            .Bind(builder.Configuration)
            .Validate(c => !c.Problems().Any(), "Bot credentials are incomplete for MicrosoftAppType; see the log")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotCredentials>, BotCredentialsValidator>();
        services.AddOptions<BotFrameworkOptions>().BindConfiguration(BotFrameworkOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(nameof(BotAuthenticator));
        // Replies to a channel that times out, fails (5xx, 408), throttles (429, honouring Retry-After) or closes the
        // connection are retried with backoff within a time budget, then dropped. One pipeline per channel host, so a
        // dead serviceUrl opens its own circuit breaker and never slows replies to others.
        services.AddHttpClient<IActivitySender, ConnectorClient>(ConnectorClient.HttpClientName)
            .AddStandardResilienceHandler()
            .Configure((resilience, provider) =>
            {
                var options = provider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
                resilience.Retry.MaxRetryAttempts = 3;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(250);
                // A POST that timed out may have been taken by the channel: sending it again could show the reply twice.
                resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not Polly.Timeout.TimeoutRejectedException && HttpClientResiliencePredicates.IsTransient(args.Outcome));
                resilience.AttemptTimeout.Timeout = options.ReplyAttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = options.ReplyTimeout;
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(resilience.CircuitBreaker.SamplingDuration.Ticks, 2 * options.ReplyAttemptTimeout.Ticks));
            })
            .SelectPipelineByAuthority();

        services.AddSingleton<IAccessTokenProvider, MsalAccessTokenProvider>();
        services.AddSingleton<ServiceUrlPolicy>();
        services.AddSingleton<BotAuthenticator>();
        services.AddSingleton<BotAdapter>();
        services.AddSingleton<IBot, TBot>();
        return builder;
    }

    /// <summary>Maps the bot endpoint; other methods than POST get 405. The builder is returned for the app's conventions (rate limits).</summary>
    public static RouteHandlerBuilder MapBotFramework(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages") =>
        endpoints.MapPost(pattern, (HttpContext context, BotAdapter adapter) => adapter.ProcessAsync(context));

    private sealed class BotCredentialsValidator : IValidateOptions<BotCredentials>
    {
        public ValidateOptionsResult Validate(string? name, BotCredentials options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
