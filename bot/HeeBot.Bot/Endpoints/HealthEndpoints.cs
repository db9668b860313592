using HeeBot.Retrieval.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeeBot.Bot.Endpoints;

internal static class HealthEndpoints
{
    /// <summary><c>GET {pattern}</c>: whether the index is loaded, what it holds and how old it is.</summary>
    public static RouteHandlerBuilder MapHealth(this IEndpointRouteBuilder endpoints, string pattern) =>
        endpoints.MapGet(pattern, (PassageSearcher searcher, TimeProvider time) => Health(searcher, time));

    private static Ok<HealthReport> Health(PassageSearcher searcher, TimeProvider time) => TypedResults.Ok(new HealthReport(
        "ok",
        IndexLoaded: true,
        searcher.Info.Documents,
        searcher.Info.Passages,
        searcher.Info.BuiltAt,
        (long)(time.GetUtcNow() - searcher.Info.BuiltAt).TotalSeconds));

    internal sealed record HealthReport(string Status, bool IndexLoaded, int Documents, int Passages, DateTimeOffset IndexBuiltAt, long IndexAgeSeconds);
}
