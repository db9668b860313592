using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Lucene.Net.Index;

namespace HeeBot.Retrieval.Embeddings;

/// <summary>
/// Every passage vector of one index reader in one contiguous matrix, read once when the index is opened, and the
/// brute-force cosine search over it: vectors are L2-normalised, so a dot product is the cosine. A passage has one
/// vector or more (its text, each alternate question of its section, each of its sentences) and scores as the best of them. At
/// 100,000 vectors that is some 40 million multiply-adds a question, a few milliseconds: no approximate index needed.
/// </summary>
internal sealed class PassageVectors
{
    private static readonly HashSet<string> VectorField = [LuceneSettings.FieldNames.Vectors];

    private readonly float[] matrix;
    private readonly int[] rowDoc;

    private PassageVectors(float[] matrix, int[] rowDoc, int dimensions, int maxDoc)
    {
        this.matrix = matrix;
        this.rowDoc = rowDoc;
        Dimensions = dimensions;
        MaxDoc = maxDoc;
    }

    public int Dimensions { get; }

    public int MaxDoc { get; }

    public int Rows => rowDoc.Length;

    /// <exception cref="FormatException">A passage's stored vectors are missing or not a whole number of vectors.</exception>
    public static PassageVectors Read(IndexReader reader, int dimensions)
    {
        var rows = new List<float[]>(reader.MaxDoc);
        var docs = new List<int>(reader.MaxDoc);
        var live = MultiFields.GetLiveDocs(reader);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (live is not null && !live.Get(doc))
            {
                continue;
            }

            var bytes = reader.Document(doc, VectorField).GetBinaryValue(LuceneSettings.FieldNames.Vectors);
            var floats = bytes is null ? default : MemoryMarshal.Cast<byte, float>(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length));
            if (floats.Length == 0 || floats.Length % dimensions != 0)
            {
                throw new FormatException($"passage {doc} has {floats.Length} stored vector values, not a multiple of {dimensions}");
            }

            for (var start = 0; start < floats.Length; start += dimensions)
            {
                rows.Add(floats.Slice(start, dimensions).ToArray());
                docs.Add(doc);
            }
        }

        var matrix = new float[rows.Count * dimensions];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].CopyTo(matrix, i * dimensions);
        }

        return new PassageVectors(matrix, [.. docs], dimensions, reader.MaxDoc);
    }

    /// <summary>The stored form of a passage's vectors: their float values one after the other, in machine order.</summary>
    public static byte[] Encode(IReadOnlyList<float[]> vectors)
    {
        var bytes = new byte[vectors.Sum(v => v.Length) * sizeof(float)];
        var offset = 0;
        foreach (var vector in vectors)
        {
            MemoryMarshal.AsBytes(vector.AsSpan()).CopyTo(bytes.AsSpan(offset));
            offset += vector.Length * sizeof(float);
        }

        return bytes;
    }

    /// <summary>
    /// Each passage's best cosine with any of <paramref name="questions"/> (a question, and its clauses read on their
    /// own), by document (-1 for a passage without vectors), in a pooled array of at least <see cref="MaxDoc"/>
    /// entries: return it with <see cref="ReturnScores"/>.
    /// </summary>
    public float[] BestCosines(float[][] questions)
    {
        var best = ArrayPool<float>.Shared.Rent(Math.Max(MaxDoc, 1));
        best.AsSpan(0, MaxDoc).Fill(-1);
        var span = matrix.AsSpan();
        for (var row = 0; row < rowDoc.Length; row++)
        {
            var passage = span.Slice(row * Dimensions, Dimensions);
            ref var slot = ref best[rowDoc[row]];
            for (var q = 0; q < questions.Length; q++)
            {
                var cosine = TensorPrimitives.Dot(passage, questions[q]);
                if (cosine > slot)
                {
                    slot = cosine;
                }
            }
        }

        return best;
    }

    public static void ReturnScores(float[] scores) => ArrayPool<float>.Shared.Return(scores);
}
