using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace HeeBot.BotFramework.DirectLine;

/// <summary>Registration and mapping of the built-in Direct Line 3.0 channel.</summary>
public static class DirectLineExtensions
{
    public const string CorsPolicy = "DirectLine";

    /// <summary>Where Direct Line 3.0 conventionally lives, as Azure's does: clients are given this path.</summary>
    public const string DefaultPrefix = "/v3/directline";

    /// <summary>
    /// Adds the channel (after AddBotFramework): its options, tokens, CORS for configured origins, and conversations in
    /// this process unless the app has registered another <see cref="IDirectLineStore"/>.
    /// </summary>
    public static IHostApplicationBuilder AddDirectLine(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDirectLineStore, InMemoryDirectLineStore>();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineChannel>();
        services.AddSingleton<DirectLineEndpoints>();

        var origins = builder.Configuration.GetSection($"{DirectLineOptions.SectionName}:{nameof(DirectLineOptions.AllowedOrigins)}").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST")
            .WithHeaders("authorization", "content-type", "x-ms-bot-agent", "x-requested-with", "accept")));
        return builder;
    }

    /// <summary>The middleware the channel needs: WebSockets for the stream and CORS.</summary>
    public static IApplicationBuilder UseDirectLine(this IApplicationBuilder app) => app.UseWebSockets().UseCors();

    /// <summary>Maps the Direct Line 3.0 endpoints under <paramref name="prefix"/> (conventionally <c>/v3/directline</c>); the group is returned for the app's conventions (rate limits).</summary>
    public static RouteGroupBuilder MapDirectLine(this IEndpointRouteBuilder endpoints, string prefix = DefaultPrefix)
    {
        var group = endpoints.MapGroup(prefix).RequireCors(CorsPolicy);
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
