using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Memory;

namespace HeeBot.Retrieval.Embeddings;

/// <summary>
/// Questions to vectors through an embedding generator, with a bounded cache of the questions seen lately, so a
/// question asked again costs a lookup instead of a model run. Outlives index replacements: a question's vector does
/// not depend on the index. Thread-safe; share one.
/// </summary>
public sealed class QuestionEncoder : IDisposable
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> generator;
    private readonly MemoryCache cache;
    private readonly bool ownsGenerator;

    /// <param name="cacheSize">Questions whose vectors are kept; the least recently used go first. 0 keeps none.</param>
    /// <param name="ownsGenerator">Dispose <paramref name="generator"/> with this encoder.</param>
    public QuestionEncoder(IEmbeddingGenerator<string, Embedding<float>> generator, int cacheSize = 10_000, bool ownsGenerator = false)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfNegative(cacheSize);
        this.generator = generator;
        this.ownsGenerator = ownsGenerator;
        Model = EmbeddingModel.Of(generator);
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(cacheSize, 1), CompactionPercentage = 0.25 });
        CacheSize = cacheSize;
    }

    /// <summary>The model's id and dimension; an index must have been built with the same.</summary>
    public EmbeddingModel Model { get; }

    public int CacheSize { get; }

    /// <summary>The generator, for building indexes with the same model.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> Generator => generator;

    /// <summary>The cached vector of <paramref name="text"/> (already in <see cref="Search.QuestionText.ForModel(string?)"/> form), if there is one.</summary>
    public bool TryGetCached(string text, out float[] vector)
    {
        if (CacheSize > 0 && cache.TryGetValue(text, out float[]? found) && found is not null)
        {
            vector = found;
            return true;
        }

        vector = [];
        return false;
    }

    /// <summary>Runs the model for <paramref name="text"/> and caches the vector.</summary>
    public async ValueTask<float[]> EncodeAsync(string text, CancellationToken cancellationToken = default)
    {
        var embeddings = await generator.GenerateAsync([text], cancellationToken: cancellationToken).ConfigureAwait(false);
        var vector = embeddings[0].Vector.ToArray();
        if (vector.Length != Model.Dimensions)
        {
            throw new InvalidOperationException($"the embedding model {Model.Id} returned {vector.Length} dimensions, not {Model.Dimensions}");
        }

        if (CacheSize > 0)
        {
            cache.Set(text, vector, new MemoryCacheEntryOptions { Size = 1 });
        }

        return vector;
    }

    public void Dispose()
    {
        cache.Dispose();
        if (ownsGenerator)
        {
            generator.Dispose();
        }
    }
}
