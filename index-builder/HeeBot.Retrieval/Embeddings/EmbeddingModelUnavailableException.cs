namespace HeeBot.Retrieval.Embeddings;

/// <summary>The embedding model cannot be loaded: its weights, its vocabulary or the ONNX Runtime native library is missing.</summary>
public sealed class EmbeddingModelUnavailableException : Exception
{
    public EmbeddingModelUnavailableException()
    {
    }

    public EmbeddingModelUnavailableException(string message)
        : base(message)
    {
    }

    public EmbeddingModelUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
