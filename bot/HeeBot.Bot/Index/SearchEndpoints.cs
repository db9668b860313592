using HeeBot.Retrieval.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Index;

internal static class SearchEndpoints
{
    /// <summary><c>GET {pattern}?q=...&amp;top=N&amp;syntax=plain|lucene</c>: the search JSON of the design contract.</summary>
    public static RouteHandlerBuilder MapSearch(this IEndpointRouteBuilder endpoints, string pattern) => endpoints.MapGet(pattern, Search);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Search(
        string? q, int? top, string? syntax, PassageIndex index, IOptions<RetrievalOptions> options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return TypedResults.Problem("Give the question as ?q=...", statusCode: StatusCodes.Status400BadRequest);
        }

        if (top is < 1 or > SearchOptions.MaxTop)
        {
            return TypedResults.Problem($"top must be between 1 and {SearchOptions.MaxTop}.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!Enum.TryParse<QuerySyntax>(syntax ?? nameof(QuerySyntax.Plain), ignoreCase: true, out var querySyntax))
        {
            return TypedResults.Problem("syntax must be plain or lucene.", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            using var lease = index.Acquire();
            var result = await lease.Searcher.SearchAsync(q, options.Value.Search(top ?? SearchOptions.DefaultTop) with { Syntax = querySyntax }, cancellationToken);
            return TypedResults.Content(result.ToJson(), "application/json");
        }
        catch (QuerySyntaxException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
