using System.Net.Http.Headers;
using HeeBot.BotFramework.DirectLine;
using HeeBot.BotFramework.Schema;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.WebChat;

/// <summary>
/// Azure's Direct Line token service, for the page in Azure mode: trades the Direct Line secret (which never leaves
/// the server) for a conversation token. A typed client with the standard resilience handler.
/// </summary>
internal sealed class AzureDirectLineTokens(HttpClient http, IOptions<WebChatOptions> options)
{
    /// <summary>Where Azure's Direct Line is, as the page must be told.</summary>
    public string Endpoint => options.Value.DirectLineEndpoint.TrimEnd('/');

    /// <summary>A token for a new conversation of <paramref name="userId"/>, or why there is none.</summary>
    public async Task<(DirectLineConversationInfo? Conversation, string? Problem)> GenerateAsync(string userId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Endpoint}/tokens/generate")
        {
            Content = JsonContent.Create(new { user = new { id = userId } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.DirectLineSecret);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var conversation = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<DirectLineConversationInfo>(BotJson.Options, cancellationToken) : null;
            return conversation is null ? (null, $"Azure Direct Line answered {(int)response.StatusCode}.") : (conversation, null);
        }
        catch (HttpRequestException)
        {
            return (null, "Azure Direct Line cannot be reached.");
        }
    }
}
