using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using HeeBot.BotFramework;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.RateLimiting;

/// <summary>
/// Request limits (ASP.NET Core rate limiting), fixed windows of one minute, 429 with <c>Retry-After</c> in seconds
/// beyond them: a ceiling per client address over everything, against floods; and per endpoint family a limit keyed
/// on who is asking (<see cref="RateLimitOptions"/>). One limiter, configured once; endpoints opt in with
/// <c>RequireRateLimiting</c> and one of the policy names here.
/// </summary>
internal static class RateLimitExtensions
{
    public const string Messages = "messages";
    public const string DirectLine = "directline";
    public const string ChatTokens = "chattokens";
    public const string Search = "search";

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Window($"address:{Address(context)}", Limits(context).PerAddressPerMinute));

            // Only in local mode: with an app id every request comes from the channel's servers and carries a token.
            limiter.AddPolicy(Messages, context => IsLocalMode(context) ? Window($"address:{Address(context)}", Limits(context).MessagesPerMinute) : Unlimited);
            limiter.AddPolicy(DirectLine, context => HttpMethods.IsGet(context.Request.Method) || context.WebSockets.IsWebSocketRequest
                ? Unlimited
                : Window(Caller(context), Limits(context).DirectLinePerConversationPerMinute));
            limiter.AddPolicy(ChatTokens, context => Window($"address:{Address(context)}", Limits(context).ChatTokensPerAddressPerMinute));
            limiter.AddPolicy(Search, context => Window($"address:{Address(context)}", Limits(context).SearchPerMinute));
        });
        return builder;
    }

    private static RateLimitPartition<string> Unlimited => RateLimitPartition.GetNoLimiter(string.Empty);

    private static RateLimitOptions Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static bool IsLocalMode(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<BotCredentials>>().Value.IsLocalMode;

    /// <summary>The client's address: the real one behind trusted proxies (forwarded headers run first).</summary>
    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>
    /// Who a Direct Line request is from: its conversation (from the route), else its token (a hash, never the token),
    /// else its address.
    /// </summary>
    private static string Caller(HttpContext context)
    {
        if (context.Request.RouteValues.TryGetValue("conversationId", out var conversation) && conversation is string id && id.Length > 0)
        {
            return $"conversation:{id}";
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.Length > 0
            ? $"token:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)))[..32]}"
            : $"address:{Address(context)}";
    }

    private static RateLimitPartition<string> Window(string key, int perMinute) => perMinute <= 0
        ? Unlimited
        : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
