using System.IO.Hashing;
using System.Numerics.Tensors;
using System.Text;
using HeeBot.Retrieval.Embeddings;
using Microsoft.Extensions.AI;

namespace HeeBot.Benchmarks;

/// <summary>
/// A stand-in for the model with its shape (384 dimensions, unit vectors) and none of its cost: a vector seeded by a
/// hash of the text. Used to build the 100,000-passage index with vectors in seconds, where the real model would take
/// many minutes, so the vector search over 100,000 passages can be timed; its results mean nothing.
/// </summary>
internal sealed class HashEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata metadata = new("benchmark", null, "hash-stand-in", MiniLmEmbeddingGenerator.Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            var random = new Random(unchecked((int)XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(value))));
            var vector = new float[MiniLmEmbeddingGenerator.Dimensions];
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = (float)(random.NextDouble() - 0.5);
            }

            TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
            embeddings.Add(new Embedding<float>(vector));
        }

        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata : null;

    public void Dispose()
    {
    }
}
