using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text.Json;
using HeeBot.BotFramework.Authentication;
using HeeBot.BotFramework.Connector;
using HeeBot.BotFramework.Schema;
using Activity = HeeBot.BotFramework.Schema.Activity;
using HeeBot.BotFramework.Turns;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HeeBot.BotFramework.Hosting;

/// <summary>
/// Turns one POST to the bot endpoint into one turn, as the SDK's CloudAdapter does: 415 for a body that is
/// not JSON, 413 for one over the size limit, 400 for one that is not an activity, 401 when authentication
/// fails, then the turn inside one error boundary, answered 200 (with the replies for expectReplies, or the
/// invoke response, or 501 for an invoke nobody handled).
/// </summary>
public sealed partial class BotAdapter(BotAuthenticator authenticator, ServiceUrlPolicy serviceUrls, IOptions<BotFrameworkOptions> options, ILogger<BotAdapter> logger)
{
    /// <summary>What the user is told when a turn fails; no exception detail ever reaches the channel.</summary>
    public const string TurnErrorMessage = "Sorry, something went wrong on my side. Please try asking again.";

    public async Task<IResult> ProcessAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsJson(request.ContentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "The body must be a JSON activity (Content-Type: application/json).");
        }

        var body = await RequestBody.ReadAsync(request, options.Value.MaxRequestBytes, context.RequestAborted);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The activity is larger than {options.Value.MaxRequestBytes} bytes.");
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Options);
        }
        catch (JsonException)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body is not a valid JSON activity.");
        }

        if (string.IsNullOrWhiteSpace(activity?.Type))
        {
            return Problem(StatusCodes.Status400BadRequest, "The activity has no 'type'.");
        }

        var auth = await authenticator.AuthenticateAsync(request.Headers.Authorization.ToString(), activity, context.RequestAborted);
        if (!auth.Succeeded)
        {
            LogUnauthorized(logger, activity.ChannelId, auth.Failure);
            return Results.Unauthorized();
        }

        // Replies go back through the Connector unless they come in the response: check where first, so a turn
        // never fails for a client's mistake.
        if (activity.DeliveryMode != DeliveryModes.ExpectReplies)
        {
            if (string.IsNullOrWhiteSpace(activity.ServiceUrl) || string.IsNullOrWhiteSpace(activity.Conversation?.Id))
            {
                return Problem(StatusCodes.Status400BadRequest, "The activity has no 'serviceUrl' or 'conversation.id' to reply to (or send it with deliveryMode 'expectReplies').");
            }

            if (!serviceUrls.IsAllowed(activity.ServiceUrl))
            {
                LogServiceUrlRefused(logger, activity.ServiceUrl);
                return Problem(StatusCodes.Status400BadRequest, $"Replies cannot go to the serviceUrl '{activity.ServiceUrl}': in local mode only loopback addresses and BotFramework:AllowedServiceUrls.");
            }
        }

        var turn = await RunTurnAsync(
            activity with { CallerId = auth.CallerId },
            context.RequestServices.GetRequiredService<IActivitySender>(),
            context.RequestServices.GetRequiredService<IBot>(),
            context.RequestAborted);

        if (turn.ExpectReplies)
        {
            return BotResults.Json(new ExpectedReplies(turn.BufferedReplies));
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            return turn.InvokeResponse is { } invoke
                ? BotResults.Json(invoke.Body, statusCode: invoke.Status)
                : Results.StatusCode(StatusCodes.Status501NotImplemented);
        }

        return Results.Ok();
    }

    /// <summary>
    /// Runs one turn for an activity that is already trusted, inside the error boundary: what /api/messages does
    /// after authentication, and what in-process channels such as Direct Line call directly.
    /// </summary>
    public async Task<TurnContext> RunTurnAsync(Activity activity, IActivitySender sender, IBot bot, CancellationToken cancellationToken)
    {
        var turn = new TurnContext(activity, sender);
        await RunTurnAsync(turn, bot, cancellationToken);
        return turn;
    }

    private async Task RunTurnAsync(TurnContext turn, IBot bot, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await bot.OnTurnAsync(turn, cancellationToken);
            LogTurn(logger, turn.Activity.Type, turn.Activity.ChannelId, turn.SentCount, clock.ElapsedMilliseconds);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // One error boundary per turn: log it, tell the user plainly, keep serving.
            LogTurnFailed(logger, e, turn.Activity.Type, turn.Activity.ChannelId);
            if (turn.Activity.Type != ActivityTypes.Message)
            {
                return;
            }

            try
            {
                await turn.SendActivityAsync(turn.Activity.CreateReply(TurnErrorMessage), cancellationToken);
            }
            catch (Exception sendError) when (!cancellationToken.IsCancellationRequested)
            {
                LogErrorReplyFailed(logger, sendError, turn.Activity.ChannelId);
            }
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Split(';')[0].Trim().EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Turn {ActivityType} on {ChannelId}: {Sent} activities sent in {ElapsedMs} ms")]
    private static partial void LogTurn(ILogger logger, string? activityType, string? channelId, int sent, long elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Request from {ChannelId} refused (401): {Reason}")]
    private static partial void LogUnauthorized(ILogger logger, string? channelId, string? reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Request refused (400): replies cannot go to the serviceUrl {ServiceUrl}")]
    private static partial void LogServiceUrlRefused(ILogger logger, string? serviceUrl);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Turn {ActivityType} on {ChannelId} failed")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? activityType, string? channelId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Could not tell the user on {ChannelId} that the turn failed")]
    private static partial void LogErrorReplyFailed(ILogger logger, Exception exception, string? channelId);
}
