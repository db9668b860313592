using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HeeBot.BotFramework.DirectLine;

/// <summary>
/// Conversation tokens: JWTs signed with HS256, naming one conversation and, when known, its user, and expiring
/// after <see cref="DirectLineOptions.TokenLifetime"/>. The key is <see cref="DirectLineOptions.TokenSigningKey"/>,
/// else derived from <see cref="DirectLineOptions.Secret"/> (so every instance sharing the secret accepts the
/// others' tokens), else random for this process.
/// </summary>
public sealed class DirectLineTokens
{
    private const string Issuer = "heebot-directline";
    private const string ConversationClaim = "conv";
    private const string UserClaim = "user";

    private readonly SymmetricSecurityKey key;
    private readonly JsonWebTokenHandler handler = new();
    private readonly TimeProvider time;
    private readonly TimeSpan lifetime;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider time)
    {
        this.time = time;
        lifetime = options.Value.TokenLifetime;
        key = new SymmetricSecurityKey(KeyBytes(options.Value)) { KeyId = "directline" };
    }

    public TimeSpan Lifetime => lifetime;

    public string Issue(string conversationId, string? userId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { [ConversationClaim] = conversationId };
        if (!string.IsNullOrEmpty(userId))
        {
            claims[UserClaim] = userId;
        }

        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    private static byte[] KeyBytes(DirectLineOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.TokenSigningKey))
        {
            return Convert.FromBase64String(options.TokenSigningKey);
        }

        return string.IsNullOrEmpty(options.Secret)
            ? RandomNumberGenerator.GetBytes(32)
            : HKDF.DeriveKey(HashAlgorithmName.SHA256, System.Text.Encoding.UTF8.GetBytes(options.Secret), 32, info: "heebot directline tokens"u8.ToArray());
    }

    /// <summary>The conversation (and user) a valid token names; null when it is forged, expired or not ours.</summary>
    public async Task<(string ConversationId, string? UserId)?> ValidateAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Issuer,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero, // this process issues and checks them: no clocks to disagree
            LifetimeValidator = (notBefore, expires, _, p) =>
                expires is not null && expires.Value + p.ClockSkew >= time.GetUtcNow().UtcDateTime
                && (notBefore is null || notBefore.Value - p.ClockSkew <= time.GetUtcNow().UtcDateTime),
        });
        if (!result.IsValid || !result.Claims.TryGetValue(ConversationClaim, out var conversation) || conversation is not string conversationId)
        {
            return null;
        }

        return (conversationId, result.Claims.TryGetValue(UserClaim, out var user) ? user as string : null);
    }
}
