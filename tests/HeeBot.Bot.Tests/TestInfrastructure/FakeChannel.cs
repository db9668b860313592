using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>
/// A stand-in for a Bot Framework channel on 127.0.0.1: records what the bot posts to
/// <c>/v3/conversations/...</c>, and publishes OpenID metadata and signing keys for channel tokens
/// (<c>/channel/...</c>, keys endorsed for <see cref="EndorsedChannels"/>) and Emulator tokens (<c>/emulator/...</c>).
/// </summary>
public sealed class FakeChannel : IAsyncDisposable
{
    public static readonly string[] EndorsedChannels = ["msteams", "emulator", "webchat", "directline"];

    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedPost> posts = new();
    private readonly ConcurrentQueue<Failure> failures = new();

    private FakeChannel(WebApplication app, RsaSecurityKey channelKey, RsaSecurityKey emulatorKey)
    {
        this.app = app;
        ChannelKey = channelKey;
        EmulatorKey = emulatorKey;
    }

    public const string AzureDirectLineSecret = "azure-direct-line-secret";

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The service URL a conversation on this channel uses, with a regional path as Teams has.</summary>
    public string ServiceUrl => $"{BaseUrl}/amer/";

    public string ChannelMetadataUrl => $"{BaseUrl}/channel/.well-known/openidconfiguration";

    public string EmulatorMetadataUrl => $"{BaseUrl}/emulator/.well-known/openid-configuration";

    public RsaSecurityKey ChannelKey { get; private set; }

    public RsaSecurityKey EmulatorKey { get; }

    public IReadOnlyList<RecordedPost> Posts => [.. posts];

    public static async Task<FakeChannel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var channelKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "channel-key-1" };
        var emulatorKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "emulator-key-1" };
        var channel = new FakeChannel(builder.Build(), channelKey, emulatorKey);
        channel.Map();
        await channel.app.StartAsync();
        channel.BaseUrl = channel.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return channel;
    }

    /// <summary>While true, the OpenID metadata and signing keys endpoints answer 503, as during an outage.</summary>
    public bool MetadataDown { get; set; }

    /// <summary>A channel replying on a serviceUrl where nothing ever answers: posts there hang until the caller gives up.</summary>
    public string DeadServiceUrl => $"{BaseUrl}/dead/";

    /// <summary>The next <paramref name="count"/> posts are answered 503, as a channel under load might.</summary>
    public void FailNext(int count) => FailNext(count, StatusCodes.Status503ServiceUnavailable);

    /// <summary>The next <paramref name="count"/> posts are answered <paramref name="status"/>, with Retry-After when given.</summary>
    public void FailNext(int count, int status, TimeSpan? retryAfter = null) => Enqueue(count, new Failure(status, retryAfter, null, Abort: false));

    /// <summary>The next <paramref name="count"/> posts get no answer for <paramref name="delay"/>, then 200.</summary>
    public void HangNext(int count, TimeSpan delay) => Enqueue(count, new Failure(null, null, delay, Abort: false));

    /// <summary>The next <paramref name="count"/> posts have their connection closed without an answer.</summary>
    public void AbortNext(int count) => Enqueue(count, new Failure(null, null, null, Abort: true));

    /// <summary>Waits until at least <paramref name="count"/> posts arrived, or fails after a few seconds.</summary>
    public async Task<IReadOnlyList<RecordedPost>> WaitForPostsAsync(int count)
    {
        for (var i = 0; i < 100 && posts.Count < count; i++)
        {
            await Task.Delay(50);
        }

        return Posts;
    }

    /// <summary>Waits until a post matching <paramref name="match"/> has arrived (fails after 30 s: something is broken, not slow).</summary>
    public async Task<RecordedPost> WaitForPostAsync(Func<RecordedPost, bool> match)
    {
        for (var i = 0; i < 600; i++)
        {
            if (posts.FirstOrDefault(match) is { } post)
            {
                return post;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the expected post never arrived");
    }

    public void Clear() => posts.Clear();

    /// <summary>Publishes a new channel signing key under a new key id, as Azure does when keys rotate.</summary>
    public RsaSecurityKey RotateChannelKey()
    {
        ChannelKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = $"channel-key-{Guid.NewGuid():N}" };
        return ChannelKey;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private void Map()
    {
        app.MapPost("/{**path}", async (HttpContext context, string path) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            // The raw target, as sent: Request.Path is decoded.
            var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            posts.Enqueue(new RecordedPost(target, context.Request.Headers.Authorization.ToString(), body.RootElement.Clone()));
            if (path.StartsWith("dead/", StringComparison.Ordinal))
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.Empty;
            }

            if (failures.TryDequeue(out var failure))
            {
                if (failure.Abort)
                {
                    context.Abort();
                    return Results.Empty;
                }

                if (failure.Delay is { } delay)
                {
                    await Task.Delay(delay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                }

                if (failure.Status is { } status)
                {
                    if (failure.RetryAfter is { } retryAfter)
                    {
                        context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    return Results.StatusCode(status);
                }
            }

            return Results.Json(new { id = $"channel-activity-{posts.Count}" });
        });
        // Azure's Direct Line token service, for the page's Azure mode.
        app.MapPost("/v3/directline/tokens/generate", (HttpContext context) =>
            context.Request.Headers.Authorization.ToString() == $"Bearer {AzureDirectLineSecret}"
                ? Results.Json(new { conversationId = "azure-conversation", token = "azure-token", expires_in = 3600 })
                : Results.StatusCode(StatusCodes.Status403Forbidden));
        app.MapGet("/channel/.well-known/openidconfiguration", () => MetadataDown ? Unavailable() : Results.Json(Metadata("https://api.botframework.com", $"{BaseUrl}/channel/keys")));
        app.MapGet("/channel/keys", () => MetadataDown ? Unavailable() : Results.Json(Keys(ChannelKey, EndorsedChannels)));
        app.MapGet("/emulator/.well-known/openid-configuration", () => MetadataDown ? Unavailable() : Results.Json(Metadata("https://login.microsoftonline.com/common/v2.0", $"{BaseUrl}/emulator/keys")));
        app.MapGet("/emulator/keys", () => MetadataDown ? Unavailable() : Results.Json(Keys(EmulatorKey, null)));
    }

    private static IResult Unavailable() => Results.StatusCode(StatusCodes.Status503ServiceUnavailable);

    private void Enqueue(int count, Failure failure)
    {
        failures.Clear();
        for (var i = 0; i < count; i++)
        {
            failures.Enqueue(failure);
        }
    }

    private static JsonObject Metadata(string issuer, string jwksUri) => new()
    {
        ["issuer"] = issuer,
        ["jwks_uri"] = jwksUri,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
    };

    private static JsonObject Keys(RsaSecurityKey key, string[]? endorsements)
    {
        var parameters = key.Rsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)e)]);
        }

        return new JsonObject { ["keys"] = new JsonArray(jwk) };
    }

    /// <summary>How one post fails: a status (with Retry-After), a delay before answering, or a closed connection.</summary>
    private sealed record Failure(int? Status, TimeSpan? RetryAfter, TimeSpan? Delay, bool Abort);
}
