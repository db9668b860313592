using HeeBot.BotFramework.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HeeBot.BotFramework.DirectLine;

/// <summary>Registration and mapping of the built-in Direct Line 3.0 channel.</summary>
public static class DirectLineExtensions
{
    public const string CorsPolicy = "DirectLine";
    public const string RateLimitPolicy = "DirectLine";

    /// <summary>Adds the channel (after AddBotFramework): its options, transcripts, tokens, CORS for configured origins, and a per-client rate limit.</summary>
    public static IHostApplicationBuilder AddDirectLine(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // Conversations in Redis when ConnectionStrings:Redis is set (several instances), else in this process.
        if (RedisConnection.AddIfConfigured(builder))
        {
            services.AddSingleton<IDirectLineStore, RedisDirectLineStore>();
        }
        else
        {
            services.AddSingleton<IDirectLineStore, DirectLineStore>();
        }
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineChannel>();
        services.AddSingleton<DirectLineEndpoints>();

        var origins = builder.Configuration.GetSection($"{DirectLineOptions.SectionName}:{nameof(DirectLineOptions.AllowedOrigins)}").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST")
            .WithHeaders("authorization", "content-type", "x-ms-bot-agent", "x-requested-with", "accept")));

        services.AddPerClientRateLimit(RateLimitPolicy, context => context.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.RequestsPerMinute);
        return builder;
    }

    /// <summary>The middleware the channel needs: WebSockets for the stream and CORS; <see cref="RateLimits.UseRateLimits"/> for its limits.</summary>
    public static IApplicationBuilder UseDirectLine(this IApplicationBuilder app) => app.UseWebSockets().UseCors();

    /// <summary>Maps the Direct Line 3.0 endpoints under <paramref name="prefix"/> (conventionally <c>/v3/directline</c>).</summary>
    public static RouteGroupBuilder MapDirectLine(this IEndpointRouteBuilder endpoints, string prefix = "/v3/directline")
    {
        var group = endpoints.MapGroup(prefix).RequireCors(CorsPolicy).RequireRateLimiting(RateLimitPolicy);
        group.MapPost("/tokens/generate", (HttpContext c, DirectLineEndpoints e) => e.GenerateTokenAsync(c));
        group.MapPost("/tokens/refresh", (HttpContext c, DirectLineEndpoints e) => e.RefreshTokenAsync(c));
        group.MapPost("/conversations", (HttpContext c, DirectLineEndpoints e) => e.StartConversationAsync(c));
        group.MapGet("/conversations/{conversationId}", (HttpContext c, string conversationId, string? watermark, DirectLineEndpoints e) => e.ReconnectAsync(c, conversationId, watermark));
        group.MapPost("/conversations/{conversationId}/activities", (HttpContext c, string conversationId, DirectLineEndpoints e) => e.PostActivityAsync(c, conversationId));
        group.MapGet("/conversations/{conversationId}/activities", (HttpContext c, string conversationId, string? watermark, DirectLineEndpoints e) => e.GetActivitiesAsync(c, conversationId, watermark));
        group.Map("/conversations/{conversationId}/stream", (HttpContext c, string conversationId, string? watermark, string? t, DirectLineEndpoints e) => e.StreamAsync(c, conversationId, watermark, t));
        return group;
    }
}
