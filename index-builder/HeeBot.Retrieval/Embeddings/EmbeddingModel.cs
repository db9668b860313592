using Microsoft.Extensions.AI;

namespace HeeBot.Retrieval.Embeddings;

/// <summary>
/// Which model made an index's vectors, as its commit data records it: vectors from different models (or another
/// dimension) are not comparable, so a searcher refuses an index whose model is not its own.
/// </summary>
public sealed record EmbeddingModel(string Id, int Dimensions)
{
    /// <summary>The model a generator says it runs (<see cref="EmbeddingGeneratorMetadata"/>).</summary>
    /// <exception cref="ArgumentException">The generator names no model id or dimension.</exception>
    public static EmbeddingModel Of(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        return metadata is { DefaultModelId: { Length: > 0 } id, DefaultModelDimensions: int dimensions and > 0 }
            ? new EmbeddingModel(id, dimensions)
            : throw new ArgumentException("the embedding generator must name its model id and dimensions in its EmbeddingGeneratorMetadata", nameof(generator));
    }

    public override string ToString() => $"{Id} ({Dimensions} dimensions)";
}
