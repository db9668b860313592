using System.Text.Json;
using HeeBot.Bot.Redis;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HeeBot.Bot.Health;

/// <summary>
/// <c>/healthz</c> on ASP.NET Core health checks: the live index, the question log's database and, when configured,
/// Redis. 200 with <c>"status": "ok"</c> (or <c>"degraded"</c>) while the bot can answer, 503 <c>"unhealthy"</c> when a
/// dependency is down; the index's figures at the top level, each check under <c>checks</c>.
/// </summary>
internal static class HealthEndpoints
{
    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddCheck<IndexHealthCheck>("index")
            .AddCheck<QuestionLogHealthCheck>("questionLog");
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(RedisOptions.ConnectionStringName)))
        {
            checks.AddCheck<RedisHealthCheck>("redis");
        }

        return builder;
    }

    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder endpoints, string pattern) =>
        endpoints.MapHealthChecks(pattern, new HealthCheckOptions { ResponseWriter = WriteAsync });

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", Status(report.Status));
            json.WriteBoolean("indexLoaded", report.Entries.TryGetValue("index", out var index) && index.Status == HealthStatus.Healthy);
            foreach (var (name, value) in index.Data)
            {
                json.WritePropertyName(name);
                JsonSerializer.Serialize(json, value, value.GetType());
            }

            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", Status(entry.Status));
                if (entry.Description is { } description)
                {
                    json.WriteString("description", description);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)).AsTask();
    }

    private static string Status(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "ok",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
