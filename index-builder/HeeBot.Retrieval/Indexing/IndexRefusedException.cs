namespace HeeBot.Retrieval.Indexing;

/// <summary>A new index was built but refused before it replaced the old one (the regression gate); the old one is unchanged.</summary>
public sealed class IndexRefusedException : Exception
{
    public IndexRefusedException(string message)
        : base(message)
    {
    }

    public IndexRefusedException()
        : this("the new index was refused")
    {
    }

    public IndexRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
