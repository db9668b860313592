using System.Text.Json;
using System.Text.Json.Serialization;

// POST /api/messages: the activity is read and parsed as a bot would (System.Text.Json, source-generated), a message
// without text is refused, and the reply is a fixed body of HeeBot's size: the bytes of the file REPLY, HeeBot's own
// answer to a question, captured by run.sh. Nothing else: no routing beyond one endpoint, no middleware, no logging.
var reply = Environment.GetEnvironmentVariable("REPLY") is { Length: > 0 } path
    ? File.ReadAllBytes(path)
    : throw new InvalidOperationException("Set REPLY to the file holding the reply to send (run.sh captures HeeBot's).");

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

app.MapPost("/api/messages", async (HttpContext context) =>
{
    var activity = await JsonSerializer.DeserializeAsync(context.Request.Body, CeilingJson.Default.IncomingActivity, context.RequestAborted);
    if (activity is not { Type: "message", Text.Length: > 0 })
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }

    context.Response.ContentType = "application/json; charset=utf-8";
    context.Response.ContentLength = reply.Length;
    await context.Response.Body.WriteAsync(reply, context.RequestAborted);
});

app.Run();

/// <summary>The fields of an activity a bot reads to answer it.</summary>
internal sealed record IncomingActivity(string? Type, string? Id, string? ChannelId, string? ServiceUrl, Account? From, Account? Recipient, Account? Conversation, string? Text, string? DeliveryMode);

internal sealed record Account(string? Id, string? Name);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IncomingActivity))]
internal sealed partial class CeilingJson : JsonSerializerContext;
