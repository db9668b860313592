namespace HeeBot.Retrieval.Search;

/// <summary>How a plain question is ranked and decided.</summary>
public enum RetrievalMode
{
    /// <summary>BM25 over the passage fields with question coverage; the embedding model is not used.</summary>
    Lexical,

    /// <summary>The lexical ranking fused with the embedding similarity (<see cref="FusionSettings"/>); lexical when the searcher has no model.</summary>
    Hybrid,
}

/// <summary>Which way a search went, for measuring how often the model is needed.</summary>
public enum SearchPath
{
    /// <summary>Lexical only: asked for, no model, Lucene syntax, or nothing to read.</summary>
    Lexical,

    /// <summary>The lexical answer was certain enough that the model was skipped.</summary>
    FastPath,

    /// <summary>Fused, with the question's vector from the cache.</summary>
    CachedQuestion,

    /// <summary>Fused, with the question run through the model.</summary>
    EmbeddedQuestion,

    /// <summary>Asked before with the same options, on the same index: the result of the first time, without searching again.</summary>
    CachedResult,
}
