using System.Net.Http.Headers;
using System.Security.Cryptography;
using HeeBot.BotFramework.DirectLine;
using HeeBot.BotFramework.Schema;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.WebChat;

/// <summary>The chat page at <c>/</c>, its files, <c>/embed.js</c>, and the page's token endpoint.</summary>
internal static class WebChatEndpoints
{
    public const string AzureHttpClient = "AzureDirectLine";

    private static readonly string PageFolder = Path.Combine(AppContext.BaseDirectory, "page");

    /// <summary>SHA-256 of the empty string: Web Chat sets an empty style attribute, which is all this permits.</summary>
    private const string EmptyStyleHash = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

    public static IHostApplicationBuilder AddWebChat(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(AzureHttpClient).AddStandardResilienceHandler();
        return builder;
    }

    public static IEndpointRouteBuilder MapWebChat(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(PageFolder) });
        app.MapGet("/", Page);
        app.MapPost("/api/directline/token", TokenAsync).RequireRateLimiting(DirectLineExtensions.RateLimitPolicy);
        return app;
    }

    /// <summary>The page, with a fresh nonce for Web Chat's styles and a strict Content-Security-Policy.</summary>
    private static ContentHttpResult Page(HttpContext context, IOptions<WebChatOptions> options, string? embed)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var host = context.Request.Host.Value;
        var directLine = options.Value.IsAzureMode ? new Uri(options.Value.DirectLineEndpoint) : null;
        var connect = directLine is null
            ? $"'self' ws://{host} wss://{host}"
            : $"'self' {directLine.GetLeftPart(UriPartial.Authority)} wss://{directLine.Authority}";
        var ancestors = string.Join(' ', options.Value.EmbedOrigins.Prepend("'self'"));
        context.Response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'self'; style-src 'self' 'nonce-{nonce}' 'unsafe-hashes' {EmptyStyleHash}; img-src 'self' data: blob:; font-src 'self' data:; " +
            $"media-src 'self' blob:; connect-src {connect}; frame-ancestors {ancestors}; base-uri 'none'; form-action 'none'";
        var html = File.ReadAllText(Path.Combine(PageFolder, "index.html"))
            .Replace("{{nonce}}", nonce, StringComparison.Ordinal)
            .Replace("{{bodyClass}}", embed is "1" or "true" ? "embedded" : string.Empty, StringComparison.Ordinal);
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>
    /// A conversation token for the page: from the built-in Direct Line channel, or in Azure mode from Azure's
    /// Direct Line in exchange for the secret, which never leaves the server.
    /// </summary>
    private static async Task<Results<Ok<ChatTokenResponse>, ProblemHttpResult>> TokenAsync(
        HttpContext context, IOptions<WebChatOptions> options, DirectLineChannel channel, IHttpClientFactory httpClients)
    {
        var userId = $"u_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        if (!options.Value.IsAzureMode)
        {
            var local = channel.GenerateToken(userId);
            var domain = $"{context.Request.Scheme}://{context.Request.Host}/v3/directline";
            return TypedResults.Ok(new ChatTokenResponse(local.Token, local.ConversationId, domain, userId));
        }

        var endpoint = options.Value.DirectLineEndpoint.TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{endpoint}/tokens/generate")
        {
            Content = JsonContent.Create(new { user = new { id = userId } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.DirectLineSecret);
        try
        {
            using var response = await httpClients.CreateClient(AzureHttpClient).SendAsync(request, context.RequestAborted);
            var azure = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<DirectLineConversationInfo>(BotJson.Options, context.RequestAborted) : null;
            return azure is null
                ? TypedResults.Problem($"Azure Direct Line answered {(int)response.StatusCode}.", statusCode: StatusCodes.Status502BadGateway)
                : TypedResults.Ok(new ChatTokenResponse(azure.Token, azure.ConversationId, endpoint, userId));
        }
        catch (HttpRequestException)
        {
            return TypedResults.Problem("Azure Direct Line cannot be reached.", statusCode: StatusCodes.Status502BadGateway);
        }
    }
}
