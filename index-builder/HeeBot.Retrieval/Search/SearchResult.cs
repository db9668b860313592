using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeeBot.Retrieval.Search;

/// <summary>
/// The answer to one question, and the search JSON contract of design.md:
/// <c>{"query", "answered", "results": [{"rank", "id", "title", "text", "source", "score", "confidence"}]}</c>.
/// </summary>
/// <param name="Answered">False when the best passage is below the confidence threshold (or there is none).</param>
/// <param name="Results">Passages best first; present even when not answered, for "did you mean" style replies.</param>
public sealed record SearchResult(string Query, bool Answered, IReadOnlyList<SearchHit> Results)
{
    /// <summary>The contract's serializer options: source-generated, and "&gt;" in titles written as itself, not \u003E.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(SearchJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Words of the question that were not in the index and were read as these index words instead.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string> Corrections { get; init; } = new Dictionary<string, string>();

    /// <summary>Which way the search went: lexical, the fast path, or fused with a cached or a new question vector.</summary>
    [JsonIgnore]
    public SearchPath Path { get; init; }

    /// <summary>How many clauses of the question the model read besides the whole of it (<see cref="FusionSettings.ClauseWords"/>).</summary>
    [JsonIgnore]
    public int Clauses { get; init; }

    public static SearchResult Empty(string query) => new(query, false, []);

    /// <summary>The contract JSON, on one line.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
