using System.Security.Cryptography;
using HeeBot.Bot.RateLimiting;
using HeeBot.BotFramework.DirectLine;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.WebChat;

/// <summary>The chat page at <c>/</c>, its files, <c>/embed.js</c>, and the page's token endpoint.</summary>
internal static class WebChatEndpoints
{
    private static readonly string PageFolder = Path.Combine(AppContext.BaseDirectory, "page");

    /// <summary>The page's template, read once.</summary>
    private static readonly Lazy<string> Template = new(() => File.ReadAllText(Path.Combine(PageFolder, "index.html")));

    /// <summary>SHA-256 of the empty string: Web Chat sets an empty style attribute, which is all this permits.</summary>
    private const string EmptyStyleHash = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

    public static IHostApplicationBuilder AddWebChat(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient<AzureDirectLineTokens>().AddStandardResilienceHandler();
        return builder;
    }

    /// <summary>The page's own files (scripts, styles, Web Chat's bundle) from <c>page/</c> beside the app.</summary>
    public static IApplicationBuilder UseWebChatFiles(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(PageFolder) });

    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Page);
        app.MapPost("/api/directline/token", TokenAsync).RequireRateLimiting(RateLimitExtensions.ChatTokens);
        return app;
    }

    /// <summary>The page, with a fresh nonce for Web Chat's styles and a strict Content-Security-Policy.</summary>
    private static ContentHttpResult Page(HttpContext context, IOptions<WebChatOptions> options, IOptions<DirectLineOptions> directLineOptions, string? embed)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var directLine = options.Value.IsAzureMode ? new Uri(options.Value.DirectLineEndpoint) : null;
        // Exactly where the page talks: its own Direct Line on the public address (wss behind https), or Azure's.
        var connect = directLine is null
            ? $"'self' {new Uri(PublicUrl.WebSocket(PublicUrl.Http(context.Request, directLineOptions.Value.PublicBaseUrl))).GetLeftPart(UriPartial.Authority)}"
            : $"'self' {directLine.GetLeftPart(UriPartial.Authority)} wss://{directLine.Authority}";
        var ancestors = string.Join(' ', options.Value.EmbedOrigins.Prepend("'self'"));
        context.Response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'self'; style-src 'self' 'nonce-{nonce}' 'unsafe-hashes' {EmptyStyleHash}; img-src 'self' data: blob:; font-src 'self' data:; " +
            $"media-src 'self' blob:; connect-src {connect}; frame-ancestors {ancestors}; base-uri 'none'; form-action 'none'";
        var html = Template.Value
            .Replace("{{nonce}}", nonce, StringComparison.Ordinal)
            .Replace("{{bodyClass}}", embed is "1" or "true" ? "embedded" : string.Empty, StringComparison.Ordinal);
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>
    /// A conversation token for the page: from the built-in Direct Line channel, or in Azure mode from Azure's
    /// Direct Line in exchange for the secret, which never leaves the server.
    /// </summary>
    private static async Task<Results<Ok<ChatTokenResponse>, ProblemHttpResult>> TokenAsync(
        HttpContext context, IOptions<WebChatOptions> options, IOptions<DirectLineOptions> directLineOptions, DirectLineChannel channel, AzureDirectLineTokens azure)
    {
        var userId = $"u_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        if (!options.Value.IsAzureMode)
        {
            var local = channel.GenerateToken(userId);
            var domain = PublicUrl.Http(context.Request, directLineOptions.Value.PublicBaseUrl) + DirectLineExtensions.DefaultPrefix;
            return TypedResults.Ok(new ChatTokenResponse(local.Token, local.ConversationId, domain, userId));
        }

        var (conversation, problem) = await azure.GenerateAsync(userId, context.RequestAborted);
        return conversation is null
            ? TypedResults.Problem(problem, statusCode: StatusCodes.Status502BadGateway)
            : TypedResults.Ok(new ChatTokenResponse(conversation.Token, conversation.ConversationId, azure.Endpoint, userId));
    }
}
