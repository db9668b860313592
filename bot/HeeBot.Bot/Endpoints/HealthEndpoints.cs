using HeeBot.Retrieval.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeeBot.Bot.Endpoints;

internal static class HealthEndpoints
{
    /// <summary><c>GET {pattern}</c>: whether the index is loaded, what it holds and how old it is.</summary>
    public static RouteHandlerBuilder MapHealth(this IEndpointRouteBuilder endpoints, string pattern) =>
        endpoints.MapGet(pattern, (PassageIndex index, TimeProvider time) => Health(index, time));

    /// <summary>Which index is live: its commit data, its generation (1 at start, one more per swap) and when it went live.</summary>
    private static Ok<HealthReport> Health(PassageIndex index, TimeProvider time)
    {
        var info = index.Info;
        return TypedResults.Ok(new HealthReport(
            "ok",
            IndexLoaded: true,
            info.Documents,
            info.Passages,
            info.BuiltAt,
            (long)(time.GetUtcNow() - info.BuiltAt).TotalSeconds,
            index.Generation,
            index.LoadedAt));
    }

    internal sealed record HealthReport(
        string Status, bool IndexLoaded, int Documents, int Passages, DateTimeOffset IndexBuiltAt, long IndexAgeSeconds, int IndexGeneration, DateTimeOffset IndexLoadedAt);
}
