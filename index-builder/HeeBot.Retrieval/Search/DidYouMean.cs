namespace HeeBot.Retrieval.Search;

/// <summary>
/// When the best passages are too close to call, offer them as a choice: QnA Maker's low-score-variation rule
/// (botbuilder ActiveLearningUtils), applied to confidence on a 0-100 scale. One result, or a top above 95:
/// no choice. A top of 20 or less: no choice either (nothing is good enough). Otherwise a passage stays while
/// it is within 0.7*sqrt(previous) of the previous and 1.0*sqrt(top) of the top.
/// </summary>
public static class DidYouMean
{
    public const double ClearWinner = 95;
    public const double TooLow = 20;

    /// <summary>The passages to offer (two or more, at most <paramref name="max"/>), or none when the answer is clear.</summary>
    public static IReadOnlyList<SearchHit> Candidates(SearchResult result, int max = 3)
    {
        var hits = result.Results;
        if (!result.Answered || hits.Count < 2)
        {
            return [];
        }

        var top = hits[0].Confidence * 100;
        if (top > ClearWinner || top <= TooLow)
        {
            return [];
        }

        var kept = new List<SearchHit> { hits[0] };
        for (var i = 1; i < hits.Count && kept.Count < max; i++)
        {
            var previous = hits[i - 1].Confidence * 100;
            var current = hits[i].Confidence * 100;
            if (previous - current >= 0.7 * Math.Sqrt(previous) || top - current >= Math.Sqrt(top))
            {
                break;
            }

            kept.Add(hits[i]);
        }

        return kept.Count > 1 ? kept : [];
    }
}
