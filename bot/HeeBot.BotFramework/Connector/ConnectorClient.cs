using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HeeBot.BotFramework.Authentication;
using HeeBot.BotFramework.Schema;
using HeeBot.BotFramework.Turns;
using Microsoft.Extensions.Logging;

namespace HeeBot.BotFramework.Connector;

/// <summary>
/// Posts activities to a channel's Connector REST API: <c>{serviceUrl}v3/conversations/{id}/activities/{replyToId}</c>,
/// joined relative to the service URL so regional paths such as <c>/amer/</c> survive, ids escaped. Transient
/// failures are retried by the HTTP client's resilience handler; a 401 or 403 is retried once with a fresh token.
/// </summary>
public sealed partial class ConnectorClient(HttpClient http, IAccessTokenProvider tokens, ServiceUrlPolicy policy, ILogger<ConnectorClient> logger)
    : IActivitySender
{
    /// <summary>The name of the HttpClient the Connector uses.</summary>
    public const string HttpClientName = "BotFramework.Connector";

    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (!policy.IsAllowed(activity.ServiceUrl))
        {
            LogRefused(logger, activity.ServiceUrl);
            throw new ConnectorException($"refused to send to {activity.ServiceUrl}: in local mode replies go only to loopback addresses or BotFramework:AllowedServiceUrls");
        }

        var uri = ActivityUri(activity.ServiceUrl!, activity.Conversation?.Id, activity.ReplyToId);
        var (response, sentToken) = await PostAsync(uri, activity, forceRefresh: false, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && sentToken)
        {
            response.Dispose();
            (response, _) = await PostAsync(uri, activity, forceRefresh: true, cancellationToken);
        }

        using (response)
        {
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Accepted))
            {
                LogRejected(logger, uri.GetLeftPart(UriPartial.Authority), (int)response.StatusCode);
                throw new ConnectorException($"the channel answered {(int)response.StatusCode} {response.ReasonPhrase} to {uri.GetLeftPart(UriPartial.Path)}", response.StatusCode);
            }

            if (response.Content.Headers.ContentLength is 0 || response.Content.Headers.ContentType?.MediaType != "application/json")
            {
                return new ResourceResponse(null);
            }

            return await response.Content.ReadFromJsonAsync<ResourceResponse>(BotJson.Options, cancellationToken) ?? new ResourceResponse(null);
        }
    }

    /// <summary>The Connector URL for an activity: reply-to when it answers one, else send-to-conversation.</summary>
    internal static Uri ActivityUri(string serviceUrl, string? conversationId, string? replyToId)
    {
        if (string.IsNullOrEmpty(conversationId))
        {
            throw new ConnectorException("the activity has no conversation id to send to");
        }

        var baseUri = new Uri(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/");
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (!string.IsNullOrEmpty(replyToId))
        {
            path += "/" + Uri.EscapeDataString(replyToId);
        }

        return new Uri(baseUri, path);
    }

    /// <returns>The channel's response, and whether a token went with the request (none in local mode).</returns>
    private async Task<(HttpResponseMessage Response, bool SentToken)> PostAsync(Uri uri, Activity activity, bool forceRefresh, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(activity, options: BotJson.Options) };
        var token = await tokens.GetTokenAsync(forceRefresh, cancellationToken);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return (await http.SendAsync(request, cancellationToken), token is not null);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Reply not sent: service URL {ServiceUrl} is not allowed in local mode (not loopback, not in BotFramework:AllowedServiceUrls)")]
    private static partial void LogRefused(ILogger logger, string? serviceUrl);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "The channel at {Channel} rejected an activity with status {Status}")]
    private static partial void LogRejected(ILogger logger, string channel, int status);
}
