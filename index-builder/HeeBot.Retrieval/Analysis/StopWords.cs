using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Util;

namespace HeeBot.Retrieval.Analysis;

/// <summary>
/// Words that carry no topic in a question. Lucene's English list (minus "no" and "not", which change
/// meaning) plus the words people wrap questions in: question words, auxiliaries, pronouns and requests
/// such as "tell me about". In article prose these words are rare, so BM25 would otherwise give them a
/// high weight and reward passages that happen to contain "how" or "you".
/// </summary>
internal static class StopWords
{
    private static readonly string[] English =
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
        "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to",
        "was", "will", "with",
    ];

    private static readonly string[] Questions =
    [
        // question words
        "what", "whats", "which", "who", "whom", "whose", "when", "where", "why", "how",
        // auxiliaries
        "am", "were", "been", "do", "does", "did", "doing", "done", "can", "could", "would", "should",
        "shall", "may", "might", "must", "has", "have", "had",
        // pronouns and determiners
        "i", "im", "me", "my", "you", "your", "we", "our", "us", "he", "she", "him", "her", "its", "them",
        "those", "any", "some",
        // contractions ("it's" and "what's" lose their "'s" to the possessive filter first)
        "i'm", "i've", "i'd", "i'll", "you're", "you've", "we're", "we've", "they're",
        // requests
        "tell", "please", "explain", "describe", "define", "know", "show", "give", "mean", "means",
        "about", "anything", "something",
    ];

    /// <summary>All stop words, lower case.</summary>
    public static IReadOnlyList<string> All { get; } = [.. English, .. Questions];

    internal static CharArraySet CreateSet() => StopFilter.MakeStopSet(LuceneSettings.Version, [.. All]);
}
