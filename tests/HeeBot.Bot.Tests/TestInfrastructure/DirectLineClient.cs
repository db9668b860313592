using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>A Direct Line 3.0 client over plain HTTP, making the calls botframework-directlinejs makes.</summary>
public sealed class DirectLineClient(HttpClient http)
{
    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? bearer, string? json = null)
    {
        using var request = new HttpRequestMessage(method, $"/v3/directline{path}");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Starts a conversation with the secret; returns its id and token.</summary>
    public async Task<(string ConversationId, string Token, string StreamUrl)> StartAsync(string user = "user-1")
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/conversations", DirectLineBot.Secret, $"{{\"user\":{{\"id\":\"{user}\"}}}}");
        Assert.Equal(HttpStatusCode.Created, status);
        return (body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!, body.GetProperty("streamUrl").GetString()!);
    }

    public async Task<(IReadOnlyList<JsonElement> Activities, string Watermark)> ActivitiesAsync(string conversationId, string token, string? watermark = "")
    {
        var (status, body) = await SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities?watermark={watermark}", token);
        Assert.Equal(HttpStatusCode.OK, status);
        return ([.. body.GetProperty("activities").EnumerateArray()], body.GetProperty("watermark").GetString()!);
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> PostMessageAsync(string conversationId, string token, string text, string clientActivityId = "client-1") =>
        SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token,
            $"{{\"type\":\"message\",\"text\":\"{text}\",\"from\":{{\"id\":\"user-1\",\"name\":\"Ada\",\"role\":\"user\"}},\"channelData\":{{\"clientActivityID\":\"{clientActivityId}\"}}}}");
}
