namespace HeeBot.Retrieval.Knowledge;

/// <summary>
/// Knowledge input that cannot be indexed. The message names the file and, where there is one, the line,
/// in the <c>file:line: problem</c> form editors and terminals recognise.
/// </summary>
public sealed class KnowledgeFormatException : Exception
{
    public KnowledgeFormatException(string filePath, int? line, string problem)
        : base(line is { } l ? $"{filePath}:{l}: {problem}" : $"{filePath}: {problem}")
    {
        FilePath = filePath;
        Line = line;
        Problem = problem;
    }

    public KnowledgeFormatException()
        : this("(unknown)", null, "invalid knowledge input")
    {
    }

    public KnowledgeFormatException(string message)
        : this("(unknown)", null, message)
    {
    }

    public KnowledgeFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = "(unknown)";
        Problem = message;
    }

    public string FilePath { get; }

    public int? Line { get; }

    public string Problem { get; }
}
