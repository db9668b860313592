using System.Security.Cryptography;
using System.Text;
using BitFaster.Caching.Lru;

namespace HeeBot.Bot.Analytics;

/// <summary>
/// A channel user id as the log keeps it: HMAC-SHA256 with a secret salt, so it groups a user's questions without
/// naming them. The hashes of the users seen lately are kept (<see cref="Remembered"/>): a user asks several
/// questions, and an HMAC through OpenSSL costs more than a turn's search (1.3 us against 9 ns for a lookup,
/// <c>QuestionEventBenchmarks</c>).
/// </summary>
internal sealed class UserHasher(string salt)
{
    public const int Remembered = 10_000;

    /// <summary>Ids up to this long are remembered (channels' ids are under 200 characters); longer ones, which only a client making them up sends, are hashed every time, so the memory kept stays bounded.</summary>
    public const int MaxRememberedLength = 256;

    private const int MaxStackBytes = 256;

    private readonly byte[] key = Encoding.UTF8.GetBytes(salt);
    private readonly ConcurrentLru<string, string> recent = new(Remembered);

    /// <summary>How many users' hashes are kept now.</summary>
    internal int RememberedCount => recent.Count;

    public string Hash(string? userId) => userId is { Length: > MaxRememberedLength } ? Compute(userId) : recent.GetOrAdd(userId ?? string.Empty, Compute);

    private string Compute(string userId)
    {
        var length = Encoding.UTF8.GetMaxByteCount(userId.Length);
        Span<byte> bytes = length > MaxStackBytes ? new byte[length] : stackalloc byte[MaxStackBytes];
        bytes = bytes[..Encoding.UTF8.GetBytes(userId, bytes)];
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, bytes, hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
