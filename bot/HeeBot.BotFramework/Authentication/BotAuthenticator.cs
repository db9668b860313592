using System.Collections;
using System.Text.Json;
using HeeBot.BotFramework.Schema;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace HeeBot.BotFramework.Authentication;

/// <summary>
/// Validates the bearer token of an inbound activity as the Bot Framework SDK does. Bot Connector (channel)
/// tokens: issuer api.botframework.com, audience the app id, signed by a key from the channel OpenID metadata
/// whose endorsements include the activity's channel, and a serviceurl claim equal to the activity's
/// serviceUrl. Emulator tokens: one of the Azure AD issuers the Emulator uses, and the app id in appid
/// (version 1.0) or azp (2.0). Both: RS256/384/512 only, 5 minutes of clock skew. Signing keys are cached
/// and refreshed when a token names an unknown key. In local mode (no app id) requests without a token pass.
/// </summary>
public sealed class BotAuthenticator
{
    /// <summary>The callerId of activities from Azure Bot Service's public cloud.</summary>
    public const string PublicAzureCallerId = "urn:botframework:azure";

    /// <summary>The least time between two key refreshes caused by tokens naming an unknown key.</summary>
    private static readonly TimeSpan KeyRefreshInterval = TimeSpan.FromSeconds(30);

    /// <summary>How long a request waits for refreshed keys; the metadata is fetched in the background.</summary>
    private static readonly TimeSpan KeyRefreshWait = TimeSpan.FromSeconds(3);

    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private static readonly string[] EmulatorIssuers =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    private readonly BotCredentials credentials;
    private readonly BotFrameworkOptions options;
    private readonly TimeProvider time;
    private readonly JsonWebTokenHandler handler = new();
    private readonly ConfigurationManager<OpenIdConnectConfiguration> channelKeys;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> emulatorKeys;
    private readonly Dictionary<ConfigurationManager<OpenIdConnectConfiguration>, DateTimeOffset> lastKeyRefresh = [];

    public BotAuthenticator(IOptions<BotCredentials> credentials, IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients, TimeProvider time)
    {
        this.credentials = credentials.Value;
        this.options = options.Value;
        this.time = time;
        channelKeys = Metadata(this.options.ChannelOpenIdMetadataUrl, httpClients);
        emulatorKeys = Metadata(this.options.EmulatorOpenIdMetadataUrl, httpClients);
    }

    public async Task<AuthenticationResult> AuthenticateAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return credentials.IsLocalMode ? AuthenticationResult.Anonymous : AuthenticationResult.Fail("no Authorization header");
        }

        if (credentials.IsLocalMode)
        {
            // As the SDK: a token sent to a bot without an app id cannot name that bot as its audience.
            return AuthenticationResult.Fail("a token was sent, but MicrosoftAppId is not configured");
        }

        var parts = authorization.Split(' ', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || parts[1].Length == 0)
        {
            return AuthenticationResult.Fail("the Authorization header is not 'Bearer <token>'");
        }

        JsonWebToken token;
        try
        {
            token = handler.ReadJsonWebToken(parts[1]);
        }
        catch (ArgumentException)
        {
            return AuthenticationResult.Fail("the bearer token is not a JWT");
        }

        try
        {
            return IsEmulatorIssuer(token)
                ? await ValidateEmulatorTokenAsync(parts[1], token, cancellationToken)
                : await ValidateChannelTokenAsync(parts[1], token, activity, cancellationToken);
        }
        catch (InvalidOperationException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The metadata endpoint cannot be reached and no keys were ever fetched: a token nobody can check is
            // refused, never let through. (Keys fetched earlier stay in use while the endpoint is down.)
            return AuthenticationResult.Fail($"the signing keys cannot be fetched: {e.Message.Split('\n')[0]}");
        }
    }

    private async Task<AuthenticationResult> ValidateChannelTokenAsync(string raw, JsonWebToken token, Activity activity, CancellationToken cancellationToken)
    {
        if (token.Issuer != options.ChannelTokenIssuer)
        {
            return AuthenticationResult.Fail($"issuer '{token.Issuer}' is neither the channel's nor the Emulator's");
        }

        var (result, metadata) = await ValidateSignedAsync(raw, channelKeys, [options.ChannelTokenIssuer], validateAudience: true, cancellationToken);
        if (!result.IsValid)
        {
            return AuthenticationResult.Fail($"channel token rejected: {result.Exception?.GetType().Name}");
        }

        var key = metadata.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == token.Kid);
        if (key is null || !Endorsements(key).Contains(activity.ChannelId ?? string.Empty, StringComparer.Ordinal))
        {
            return AuthenticationResult.Fail($"the signing key is not endorsed for channel '{activity.ChannelId}'");
        }

        if (activity.ServiceUrl is not null)
        {
            if (!token.TryGetPayloadValue<string>("serviceurl", out var claim))
            {
                return AuthenticationResult.Fail("missing serviceurl claim");
            }

            if (!string.Equals(claim, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticationResult.Fail("serviceurl claim does not match the activity's serviceUrl");
            }
        }

        return new AuthenticationResult(true, null, PublicAzureCallerId);
    }

    private async Task<AuthenticationResult> ValidateEmulatorTokenAsync(string raw, JsonWebToken token, CancellationToken cancellationToken)
    {
        var (result, _) = await ValidateSignedAsync(raw, emulatorKeys, EmulatorIssuersFor(token), validateAudience: false, cancellationToken);
        if (!result.IsValid)
        {
            return AuthenticationResult.Fail($"Emulator token rejected: {result.Exception?.GetType().Name}");
        }

        if (!token.TryGetPayloadValue<string>("ver", out var version))
        {
            return AuthenticationResult.Fail("Emulator token has no 'ver' claim");
        }

        var appIdClaim = version switch
        {
            "" or "1.0" => "appid",
            "2.0" => "azp",
            _ => null,
        };
        if (appIdClaim is null || !token.TryGetPayloadValue<string>(appIdClaim, out var appId) || appId != credentials.MicrosoftAppId)
        {
            return AuthenticationResult.Fail("Emulator token was issued to another app");
        }

        return new AuthenticationResult(true, null, PublicAzureCallerId);
    }

    private async Task<(TokenValidationResult Result, OpenIdConnectConfiguration Metadata)> ValidateSignedAsync(
        string raw, ConfigurationManager<OpenIdConnectConfiguration> keys, IEnumerable<string> issuers, bool validateAudience, CancellationToken cancellationToken)
    {
        var metadata = await keys.GetConfigurationAsync(cancellationToken);
        var result = await handler.ValidateTokenAsync(raw, Parameters(metadata, issuers, validateAudience));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException && await RefreshKeysAsync(keys, metadata, cancellationToken) is { } refreshed)
        {
            metadata = refreshed;
            result = await handler.ValidateTokenAsync(raw, Parameters(metadata, issuers, validateAudience));
        }

        return (result, metadata);
    }

    /// <summary>
    /// Keys rotate: when a token names a key we do not have, fetch the keys again, at most once per
    /// <see cref="KeyRefreshInterval"/> so tokens naming made-up keys cannot make every request wait. The
    /// metadata is fetched in the background, so wait a little for the new set.
    /// </summary>
    private async Task<OpenIdConnectConfiguration?> RefreshKeysAsync(
        ConfigurationManager<OpenIdConnectConfiguration> keys, OpenIdConnectConfiguration stale, CancellationToken cancellationToken)
    {
        lock (lastKeyRefresh)
        {
            if (lastKeyRefresh.TryGetValue(keys, out var last) && time.GetUtcNow() - last < KeyRefreshInterval)
            {
                return null;
            }

            lastKeyRefresh[keys] = time.GetUtcNow();
        }

        keys.RequestRefresh();
        var deadline = time.GetUtcNow() + KeyRefreshWait;
        var current = await keys.GetConfigurationAsync(cancellationToken);
        while (ReferenceEquals(current, stale) && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
            current = await keys.GetConfigurationAsync(cancellationToken);
        }

        return ReferenceEquals(current, stale) ? null : current;
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration metadata, IEnumerable<string> issuers, bool validateAudience) => new()
    {
        ValidIssuers = issuers,
        ValidateAudience = validateAudience,
        ValidAudience = credentials.MicrosoftAppId,
        IssuerSigningKeys = metadata.SigningKeys,
        ValidAlgorithms = Algorithms,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        TryAllIssuerSigningKeys = false,
        ClockSkew = TimeSpan.FromMinutes(5),
        LifetimeValidator = (notBefore, expires, _, p) =>
            (notBefore is null || notBefore.Value - p.ClockSkew <= time.GetUtcNow().UtcDateTime)
            && expires is not null && expires.Value + p.ClockSkew >= time.GetUtcNow().UtcDateTime,
    };

    private static bool IsEmulatorIssuer(JsonWebToken token) => EmulatorIssuersFor(token).Contains(token.Issuer, StringComparer.Ordinal);

    /// <summary>The fixed Emulator issuers, plus the token's own tenant (single-tenant Emulator use), as the SDK allows.</summary>
    private static string[] EmulatorIssuersFor(JsonWebToken token) =>
        token.TryGetPayloadValue<string>("tid", out var tenant) && Guid.TryParse(tenant, out _)
            ? [.. EmulatorIssuers, $"https://sts.windows.net/{tenant}/", $"https://login.microsoftonline.com/{tenant}/v2.0"]
            : EmulatorIssuers;

    private static List<string> Endorsements(JsonWebKey key)
    {
        if (!key.AdditionalData.TryGetValue("endorsements", out var value))
        {
            return [];
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList(),
            string single => [single],
            IEnumerable items => items.Cast<object>().Select(o => o?.ToString() ?? string.Empty).ToList(),
            _ => [],
        };
    }

    private static ConfigurationManager<OpenIdConnectConfiguration> Metadata(string url, IHttpClientFactory httpClients)
    {
        var retriever = new HttpDocumentRetriever(httpClients.CreateClient(nameof(BotAuthenticator)))
        {
            // Plain http only for metadata on this machine (tests, local identity servers).
            RequireHttps = !Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsLoopback,
        };
        return new ConfigurationManager<OpenIdConnectConfiguration>(url, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            RefreshInterval = KeyRefreshInterval,
            AutomaticRefreshInterval = TimeSpan.FromHours(24),
        };
    }
}
