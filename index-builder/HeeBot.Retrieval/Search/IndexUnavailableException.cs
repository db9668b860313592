namespace HeeBot.Retrieval.Search;

/// <summary>The index folder is missing, incomplete, or was built by an incompatible version; the message names the folder.</summary>
public sealed class IndexUnavailableException : Exception
{
    public IndexUnavailableException()
    {
    }

    public IndexUnavailableException(string message)
        : base(message)
    {
    }

    public IndexUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
