using HeeBot.Retrieval.Analytics;

namespace HeeBot.Bot.Analytics;

/// <summary>Turns a channel user id into the salted hash the question log keeps.</summary>
internal sealed class UserHasher(string salt)
{
    public string Hash(string? userId) => UserHash.Of(userId, salt);
}
