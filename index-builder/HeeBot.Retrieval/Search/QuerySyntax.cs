namespace HeeBot.Retrieval.Search;

/// <summary>How a question's text is read.</summary>
public enum QuerySyntax
{
    /// <summary>Plain words: any text is accepted, nothing in it is an operator. What users get.</summary>
    Plain,

    /// <summary>Classic Lucene syntax (fields, AND/OR/NOT, quotes, wildcards) for content editors; errors are reported.</summary>
    Lucene,
}
