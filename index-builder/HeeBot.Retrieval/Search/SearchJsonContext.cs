using System.Text.Json.Serialization;

namespace HeeBot.Retrieval.Search;

/// <summary>Source-generated JSON for the search contract, and the articles an index keeps: camelCase, in declaration order.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SearchResult))]
[JsonSerializable(typeof(Knowledge.ArticleInfo[]))]
public sealed partial class SearchJsonContext : JsonSerializerContext;
