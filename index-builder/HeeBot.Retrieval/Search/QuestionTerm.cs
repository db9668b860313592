namespace HeeBot.Retrieval.Search;

/// <summary>One analyzed term of a question.</summary>
/// <param name="Corrected">True when it comes from a typo correction.</param>
/// <param name="Weight">Its BM25 inverse document frequency; a term the index lacks weighs the most.</param>
internal sealed record QuestionTerm(string Term, bool Corrected, double Weight);
