using System.Security.Cryptography;
using System.Text;

namespace HeeBot.Bot.Analytics;

/// <summary>A channel user id as the log keeps it: HMAC-SHA256 with a secret salt, so it groups a user's questions without naming them.</summary>
internal sealed class UserHasher(string salt)
{
    private readonly byte[] key = Encoding.UTF8.GetBytes(salt);

    public string Hash(string? userId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(userId ?? string.Empty)))[..32];
}
