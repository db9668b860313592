namespace HeeBot.Retrieval.Analytics;

/// <summary>What became of a question.</summary>
public enum AnswerKind
{
    /// <summary>A passage was given as the answer.</summary>
    Answered,

    /// <summary>Nothing answered it well enough.</summary>
    Declined,

    /// <summary>The best passages were too close to call; the user was asked to choose.</summary>
    DidYouMean,

    /// <summary>The user said none of the offered passages answered it.</summary>
    Miss,
}
