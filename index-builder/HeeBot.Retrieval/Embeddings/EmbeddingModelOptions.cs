using System.ComponentModel.DataAnnotations;

namespace HeeBot.Retrieval.Embeddings;

/// <summary>How much of the machine the in-process embedding model may use.</summary>
public sealed class EmbeddingModelOptions
{
    /// <summary>Threads one inference may use. One is the most throughput on a busy server: requests run side by side instead.</summary>
    [Range(1, 64)]
    public int Threads { get; set; } = 1;

    /// <summary>Model runs at once, each on a thread of its own; texts asked meanwhile wait and share the next run.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Word pieces read per text, the special tokens included; longer texts are cut. The model was trained on 256 at most.</summary>
    [Range(8, 512)]
    public int MaxTokens { get; set; } = 256;

    /// <summary>Texts in one model run at most: questions waiting together, or an index build's passages.</summary>
    [Range(1, 256)]
    public int BatchSize { get; set; } = 32;

    /// <summary>
    /// Run the matrix products on int8 weights (<see cref="Int8Weights"/>), quantized as the model loads: about four
    /// times the questions per core, for vectors within a cosine of 0.98 of the float model's. False runs the model as
    /// published. An index is built and searched with one or the other: each has a model id of its own.
    /// </summary>
    public bool Quantized { get; set; } = true;

    /// <summary>
    /// A folder to keep the int8 model in once quantized, so the next start reads it (about 20 ms) instead of
    /// quantizing again (about half a second of a cold start). Empty: quantized at every start. A folder that cannot
    /// be written is skipped and said so in <see cref="MiniLmEmbeddingGenerator.LoadedFrom"/>.
    /// </summary>
    public string? CacheFolder { get; set; }
}
