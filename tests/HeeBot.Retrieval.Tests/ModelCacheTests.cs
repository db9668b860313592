using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Tests.TestInfrastructure;

namespace HeeBot.Retrieval.Tests;

/// <summary>The int8 model kept in <see cref="EmbeddingModelOptions.CacheFolder"/>: read by the next start, never trusted blindly, never fatal.</summary>
public sealed class ModelCacheTests : IDisposable
{
    private const string Question = "who pays for nurse training";
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"heebot-model-cache-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheFirstStart_KeepsTheQuantizedModel_AndTheNextReadsIt_ForTheSameVectors()
    {
        var expected = await VectorOf(TestModel.Encoder.Generator);

        using (var first = new MiniLmEmbeddingGenerator(new EmbeddingModelOptions { CacheFolder = folder }))
        {
            Assert.StartsWith("quantized to int8 as it loaded, kept in", first.LoadedFrom, StringComparison.Ordinal);
            Assert.Equal(expected, await VectorOf(first));
        }

        var kept = Assert.Single(Directory.GetFiles(folder));
        Assert.Contains("all-MiniLM-L6-v2-int8", Path.GetFileName(kept), StringComparison.Ordinal);

        using var next = new MiniLmEmbeddingGenerator(new EmbeddingModelOptions { CacheFolder = folder });
        Assert.Equal($"int8 weights read from {kept}", next.LoadedFrom);
        Assert.Equal(expected, await VectorOf(next));
    }

    [Fact]
    public async Task ADamagedFile_IsQuantizedAgainAndReplaced()
    {
        using (new MiniLmEmbeddingGenerator(new EmbeddingModelOptions { CacheFolder = folder }))
        {
        }

        var kept = Assert.Single(Directory.GetFiles(folder));
        var length = new FileInfo(kept).Length;
        await File.WriteAllBytesAsync(kept, [.. Enumerable.Repeat((byte)0x5A, 4096)]);

        using var model = new MiniLmEmbeddingGenerator(new EmbeddingModelOptions { CacheFolder = folder });

        Assert.StartsWith("quantized to int8 as it loaded, kept in", model.LoadedFrom, StringComparison.Ordinal);
        Assert.Equal(length, new FileInfo(kept).Length);
        Assert.Equal(await VectorOf(TestModel.Encoder.Generator), await VectorOf(model));
    }

    [Fact]
    public async Task AFolderThatCannotBeWritten_IsSkipped_AndSaysWhy()
    {
        Directory.CreateDirectory(folder);
        var notAFolder = Path.Combine(folder, "a-file");
        await File.WriteAllTextAsync(notAFolder, "in the way");

        using var model = new MiniLmEmbeddingGenerator(new EmbeddingModelOptions { CacheFolder = notAFolder });

        Assert.Contains($"not kept, {notAFolder}", model.LoadedFrom, StringComparison.Ordinal);
        Assert.Equal(await VectorOf(TestModel.Encoder.Generator), await VectorOf(model));
    }

    /// <summary>
    /// The question's vector from a run of its own: asked with another text, as a build asks, so that it never shares a
    /// run with what other tests ask the shared model at the same moment (the int8 model's vector moves a little with
    /// what shares its run, and these tests compare vectors exactly).
    /// </summary>
    private static async Task<float[]> VectorOf(Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>> generator) =>
        (await generator.GenerateAsync([Question, Question]))[0].Vector.ToArray();
}
