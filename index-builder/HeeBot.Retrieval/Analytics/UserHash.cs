using System.Security.Cryptography;
using System.Text;

namespace HeeBot.Retrieval.Analytics;

/// <summary>A user id as the log keeps it: HMAC-SHA256 with a secret salt, so it groups a user's questions without naming them.</summary>
public static class UserHash
{
    public static string Of(string? userId, string salt) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), Encoding.UTF8.GetBytes(userId ?? string.Empty)))[..32];
}
