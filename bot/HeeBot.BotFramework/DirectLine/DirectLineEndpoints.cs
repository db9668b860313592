using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HeeBot.BotFramework.Hosting;
using HeeBot.BotFramework.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HeeBot.BotFramework.DirectLine;

/// <summary>
/// The Direct Line 3.0 endpoints Web Chat's client (botframework-directlinejs) calls. Every answer has a JSON
/// body; GET activities never answers 5xx and never waits (a poller that gets one error stops for good).
/// Credentials: the configured secret, or a conversation token that opens only its own conversation (403 for others).
/// </summary>
internal sealed partial class DirectLineEndpoints(
    DirectLineChannel channel, IDirectLineStore store, DirectLineTokens tokens, IOptions<DirectLineOptions> options, IHostApplicationLifetime lifetime, ILogger<DirectLineEndpoints> logger)
{
    private readonly record struct Caller(bool IsSecret, string? ConversationId, string? UserId);

    public async Task<IResult> GenerateTokenAsync(HttpContext context)
    {
        if (!IsSecret(context))
        {
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized", "POST /tokens/generate needs the Direct Line secret.");
        }

        var user = await ReadUserIdAsync(context);
        return BotResults.Json(channel.GenerateToken(user));
    }

    public async Task<IResult> RefreshTokenAsync(HttpContext context)
    {
        var caller = await AuthenticateAsync(context);
        if (caller is not { ConversationId: { } conversationId } c)
        {
            return Unauthorized(caller);
        }

        return BotResults.Json(channel.RefreshToken(conversationId, c.UserId));
    }

    public async Task<IResult> StartConversationAsync(HttpContext context)
    {
        var caller = await AuthenticateAsync(context);
        if (caller is null)
        {
            return Unauthorized(caller);
        }

        var user = caller.Value.UserId ?? await ReadUserIdAsync(context);
        var conversationId = caller.Value.ConversationId ?? Guid.NewGuid().ToString("N");
        var existed = await store.FindAsync(conversationId, context.RequestAborted) is not null;
        var conversation = await channel.StartAsync(conversationId, user, ServiceUrl(context), context.RequestAborted);
        if (conversation is null)
        {
            return TooBusy(context);
        }

        var info = channel.RefreshToken(conversationId, user) with { StreamUrl = StreamUrl(context, conversationId, caller.Value, watermark: null) };
        return BotResults.Json(info, statusCode: existed ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    public async Task<IResult> ReconnectAsync(HttpContext context, string conversationId, string? watermark)
    {
        var (conversation, caller, failure) = await OpenAsync(context, conversationId);
        if (conversation is null)
        {
            return failure!;
        }

        var info = channel.RefreshToken(conversationId, caller.UserId ?? conversation.UserId) with { StreamUrl = StreamUrl(context, conversationId, caller, watermark) };
        return BotResults.Json(info);
    }

    public async Task<IResult> PostActivityAsync(HttpContext context, string conversationId)
    {
        var (conversation, caller, failure) = await OpenAsync(context, conversationId);
        if (conversation is null)
        {
            return failure!;
        }

        Activity? activity;
        try
        {
            activity = await ReadActivityAsync(context.Request, options.Value.MaxActivityBytes, context.RequestAborted);
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The body is not a JSON activity.");
        }
        catch (InvalidDataException)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"Activities are limited to {options.Value.MaxActivityBytes} bytes.");
        }

        if (string.IsNullOrWhiteSpace(activity?.Type))
        {
            return Error(StatusCodes.Status400BadRequest, "MissingProperty", "The activity has no 'type'.");
        }

        var stored = await channel.PostAsync(conversation, activity, caller.UserId, ServiceUrl(context), context.RequestAborted);
        return BotResults.Json(new ResourceResponse(stored.Id));
    }

    public async Task<IResult> GetActivitiesAsync(HttpContext context, string conversationId, string? watermark)
    {
        var (conversation, _, failure) = await OpenAsync(context, conversationId);
        if (conversation is null)
        {
            return failure!;
        }

        try
        {
            var (activities, next) = await conversation.SinceAsync(watermark, context.RequestAborted);
            return BotResults.Json(new ActivitySet(activities, next));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never a 5xx here: Direct Line clients stop polling for good after one.
            LogReadFailed(logger, e, conversationId);
            return BotResults.Json(new ActivitySet([], watermark ?? "0"));
        }
    }

    public async Task StreamAsync(HttpContext context, string conversationId, string? watermark, string? t)
    {
        var caller = await tokens.ValidateAsync(t);
        var conversation = caller?.ConversationId == conversationId ? await store.FindAsync(conversationId, context.RequestAborted) : null;
        if (!context.WebSockets.IsWebSocketRequest || conversation is null)
        {
            context.Response.StatusCode = !context.WebSockets.IsWebSocketRequest ? StatusCodes.Status400BadRequest
                : caller is null || caller.Value.ConversationId != conversationId ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var reading = DrainAsync(socket, closed);
        var stopping = Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping).ContinueWith(_ => { }, TaskScheduler.Default);
        try
        {
            // The backlog first: a client that posted before its socket opened must still see its echo.
            while (socket.State == WebSocketState.Open && !closed.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                var changed = conversation.WaitForChangeAsync();
                var (activities, next) = await conversation.SinceAsync(watermark, closed.Token);
                if (activities.Count > 0)
                {
                    var frame = JsonSerializer.SerializeToUtf8Bytes(new ActivitySet(activities, next), BotJson.Options);
                    await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
                    watermark = next;
                }

                await Task.WhenAny(changed, reading, stopping, Task.Delay(TimeSpan.FromSeconds(30), closed.Token).ContinueWith(_ => { }, TaskScheduler.Default));
                await store.FindAsync(conversationId, closed.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away.
        }
        finally
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                // The app is stopping (a deploy, a restart): "going away", so the client reconnects with its watermark
                // instead of holding the shutdown up.
                try
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "the server is restarting", CancellationToken.None);
                }
                catch (WebSocketException)
                {
                }
            }

            await closed.CancelAsync();
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                // Completes the close handshake, whoever started it.
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
    }

    /// <summary>Reads (and ignores) the client's frames, such as its empty keep-alives, until it closes.</summary>
    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }

        await closed.CancelAsync();
    }

    private async Task<(IDirectLineConversation? Conversation, Caller Caller, IResult? Failure)> OpenAsync(HttpContext context, string conversationId)
    {
        var caller = await AuthenticateAsync(context);
        if (caller is null)
        {
            return (null, default, Unauthorized(caller));
        }

        if (!caller.Value.IsSecret && caller.Value.ConversationId != conversationId)
        {
            return (null, caller.Value, Error(StatusCodes.Status403Forbidden, "Forbidden", "This token is for another conversation."));
        }

        var conversation = await store.FindAsync(conversationId, context.RequestAborted);
        return conversation is null
            ? (null, caller.Value, Error(StatusCodes.Status404NotFound, "BadArgument", "Unknown or expired conversation."))
            : (conversation, caller.Value, null);
    }

    /// <summary>The caller's credential: the secret, or a valid token; null when missing, forged or expired.</summary>
    private async Task<Caller?> AuthenticateAsync(HttpContext context)
    {
        if (IsSecret(context))
        {
            return new Caller(true, null, null);
        }

        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        return await tokens.ValidateAsync(token) is { } valid ? new Caller(false, valid.ConversationId, valid.UserId) : null;
    }

    private bool IsSecret(HttpContext context)
    {
        var secret = options.Value.Secret;
        var header = context.Request.Headers.Authorization.ToString();
        return !string.IsNullOrEmpty(secret) && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), Encoding.UTF8.GetBytes(secret));
    }

    private static IResult Unauthorized(Caller? caller) => caller is null
        ? Error(StatusCodes.Status403Forbidden, "TokenExpired", "Missing, invalid or expired token.")
        : Error(StatusCodes.Status403Forbidden, "Forbidden", "This credential cannot do that.");

    private static IResult TooBusy(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "60";
        return Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many conversations; try again later.");
    }

    private static IResult Error(int status, string code, string message) =>
        BotResults.Json(new { error = new { code, message } }, statusCode: status);

    private static async Task<string?> ReadUserIdAsync(HttpContext context)
    {
        if (context.Request.ContentLength is null or 0 || context.Request.ContentLength > 4096)
        {
            return null;
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("user", out var user)
                && user.ValueKind == JsonValueKind.Object && user.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<Activity?> ReadActivityAsync(HttpRequest request, int limit, CancellationToken cancellationToken) =>
        await RequestBody.ReadAsync(request, limit, cancellationToken) is { } body
            ? JsonSerializer.Deserialize<Activity>(body, BotJson.Options)
            : throw new InvalidDataException();

    private static string ServiceUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/";

    /// <summary>An absolute ws(s) URL on the public address of the app (<see cref="PublicUrl"/>), pre-authorised with the conversation token.</summary>
    private string StreamUrl(HttpContext context, string conversationId, Caller caller, string? watermark)
    {
        var path = context.Request.Path.Value!;
        var cut = path.IndexOf("/conversations", StringComparison.Ordinal);
        var prefix = cut >= 0 ? path[..cut] : path;
        var token = tokens.Issue(conversationId, caller.UserId);
        var root = PublicUrl.WebSocket(PublicUrl.Http(context.Request, options.Value.PublicBaseUrl));
        var url = $"{root}{prefix}/conversations/{conversationId}/stream?t={Uri.EscapeDataString(token)}";
        return watermark is null ? url : $"{url}&watermark={Uri.EscapeDataString(watermark)}";
    }

    private sealed record ActivitySet(IReadOnlyList<Activity> Activities, string Watermark);

    [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "Could not read the transcript of Direct Line conversation {ConversationId}")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string conversationId);
}
