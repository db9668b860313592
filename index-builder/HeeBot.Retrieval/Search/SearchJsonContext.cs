using System.Text.Json.Serialization;

namespace HeeBot.Retrieval.Search;

/// <summary>Source-generated JSON for the search contract: camelCase, in declaration order.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SearchResult))]
public sealed partial class SearchJsonContext : JsonSerializerContext;
