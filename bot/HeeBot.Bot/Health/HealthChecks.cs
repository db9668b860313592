using HeeBot.Bot.Analytics;
using HeeBot.Retrieval.Search;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace HeeBot.Bot.Health;

/// <summary>The live index: which one serves, what it holds, since when. Always healthy once the app is up (it cannot start without one).</summary>
internal sealed class IndexHealthCheck(PassageIndex index, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var info = index.Info;
        return Task.FromResult(HealthCheckResult.Healthy($"{info.Passages} passages from {info.Documents} documents", new Dictionary<string, object>
        {
            ["documents"] = info.Documents,
            ["passages"] = info.Passages,
            ["indexBuiltAt"] = info.BuiltAt,
            ["indexAgeSeconds"] = (long)(time.GetUtcNow() - info.BuiltAt).TotalSeconds,
            ["indexGeneration"] = index.Generation,
            ["indexLoadedAt"] = index.LoadedAt,
        }));
    }
}

/// <summary>The question log's database answers, and its writer is not failing to store (degraded while it retries).</summary>
internal sealed class QuestionLogHealthCheck(IQuestionLogStore store, QuestionLog log) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.CheckAsync(cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy("the question log's database does not answer", e);
        }

        return log.Failing
            ? HealthCheckResult.Degraded($"questions are not being stored; {log.Queued} waiting, retried in the background")
            : HealthCheckResult.Healthy();
    }
}

/// <summary>Redis answers a PING (registered only with <c>ConnectionStrings:Redis</c>).</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer", e);
        }
    }
}
