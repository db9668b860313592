using System.Text.Json;
using System.Text.Json.Nodes;
using HeeBot.Retrieval.Search;

namespace HeeBot.Bot.Faq;

/// <summary>
/// Teams' search-based messaging extension ("Search HEE answers" in the compose box, <c>composeExtension/query</c>):
/// up to <see cref="MaxResults"/> answers as previews, each with the Adaptive Card the user inserts into the chat or
/// channel; <c>queryOptions</c> paging honoured; an empty query (or the initial run) lists the topics.
/// </summary>
internal static class ComposeSearch
{
    public const string InvokeName = "composeExtension/query";
    public const int MaxResults = 10;

    public static async Task<JsonObject> QueryAsync(PassageSearcher searcher, JsonElement? value, SearchOptions options, CancellationToken cancellationToken)
    {
        var (query, skip, count) = Read(value);
        var hits = new List<SearchHit>();
        if (string.IsNullOrWhiteSpace(query))
        {
            // The topics: the best passage of each section, as a starting point.
            foreach (var section in searcher.Sections().Skip(skip).Take(count))
            {
                var result = await searcher.SearchAsync(section, options with { Top = 1, Threshold = 0 }, cancellationToken);
                hits.AddRange(result.Results.Take(1));
            }
        }
        else
        {
            var result = await searcher.SearchAsync(query, options with { Top = skip + count }, cancellationToken);
            hits.AddRange(result.Results.Skip(skip).Take(count));
        }

        var attachments = new JsonArray();
        foreach (var hit in hits)
        {
            attachments.Add(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["content"] = AnswerBuilder.PassageCard(hit),
                ["preview"] = new JsonObject
                {
                    ["contentType"] = "application/vnd.microsoft.card.thumbnail",
                    ["content"] = new JsonObject { ["title"] = AnswerBuilder.Section(hit), ["text"] = AnswerBuilder.PreviewOf(hit.Text) },
                },
            });
        }

        return new JsonObject
        {
            ["composeExtension"] = new JsonObject { ["type"] = "result", ["attachmentLayout"] = "list", ["attachments"] = attachments },
        };
    }

    /// <summary>The query text (none for the initial run), and the page asked for, bounded to <see cref="MaxResults"/>.</summary>
    private static (string? Query, int Skip, int Count) Read(JsonElement? value)
    {
        string? query = null;
        var (skip, count) = (0, MaxResults);
        if (value is not { ValueKind: JsonValueKind.Object } v)
        {
            return (query, skip, count);
        }

        if (v.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Array)
        {
            foreach (var parameter in parameters.EnumerateArray())
            {
                if (parameter.ValueKind == JsonValueKind.Object && parameter.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                    && name.GetString() == "query" && parameter.TryGetProperty("value", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    query = text.GetString();
                }
            }
        }

        if (v.TryGetProperty("queryOptions", out var paging) && paging.ValueKind == JsonValueKind.Object)
        {
            skip = paging.TryGetProperty("skip", out var s) && s.TryGetInt32(out var sk) ? Math.Clamp(sk, 0, 40) : 0;
            count = paging.TryGetProperty("count", out var c) && c.TryGetInt32(out var ct) ? Math.Clamp(ct, 1, MaxResults) : MaxResults;
        }

        return (query?.Trim(), skip, count);
    }
}
