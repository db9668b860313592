namespace HeeBot.Retrieval.Search;

/// <summary>A question in <see cref="QuerySyntax.Lucene"/> syntax that cannot be parsed or run; the message says why.</summary>
public sealed class QuerySyntaxException : Exception
{
    public QuerySyntaxException()
    {
    }

    public QuerySyntaxException(string message)
        : base(message)
    {
    }

    public QuerySyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
