using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>Bearer tokens signed with the fake channel's keys, valid or broken in exactly one way.</summary>
public static class TestTokens
{
    public const string AppId = "test-app-id";
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string EmulatorIssuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";

    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>A Bot Connector token for <paramref name="serviceUrl"/>; <paramref name="change"/> breaks one thing.</summary>
    public static string Channel(SecurityKey key, string serviceUrl, Action<SecurityTokenDescriptor>? change = null)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = ChannelIssuer,
            Audience = AppId,
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        };
        change?.Invoke(descriptor);
        return Handler.CreateToken(descriptor);
    }

    /// <summary>An Emulator (Azure AD v1) token as the Emulator gets one for the app id.</summary>
    public static string Emulator(SecurityKey key, string appId = AppId) => Handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = EmulatorIssuer,
        Audience = appId,
        NotBefore = DateTime.UtcNow.AddMinutes(-1),
        Expires = DateTime.UtcNow.AddHours(1),
        Claims = new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = appId },
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
    });

    /// <summary>An unsigned token (<c>alg: none</c>) with a channel token's claims.</summary>
    public static string AlgNone(string serviceUrl)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Part("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Part($"{{\"iss\":\"{ChannelIssuer}\",\"aud\":\"{AppId}\",\"exp\":{exp},\"serviceurl\":\"{serviceUrl}\"}}")}.";
    }

    /// <summary>A key of the right id but not the channel's: the signature will not verify.</summary>
    public static RsaSecurityKey Impostor(string keyId) => new(RSA.Create(2048)) { KeyId = keyId };

    public static SymmetricSecurityKey SharedSecret(string keyId) => new(RandomNumberGenerator.GetBytes(32)) { KeyId = keyId };
}
