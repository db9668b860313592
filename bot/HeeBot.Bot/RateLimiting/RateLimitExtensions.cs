using System.Globalization;
using System.Threading.RateLimiting;
using HeeBot.BotFramework;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.RateLimiting;

/// <summary>
/// Per-client request limits (ASP.NET Core rate limiting): a fixed window of one minute per client address for each
/// endpoint family, 429 with <c>Retry-After</c> beyond it. One limiter, configured once; endpoints opt in with
/// <see cref="RequirePerClientLimit{TBuilder}"/>.
/// </summary>
internal static class RateLimitExtensions
{
    public const string Messages = "messages";
    public const string DirectLine = "directline";
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
            // Only in local mode: with an app id every request comes from the channel's servers and carries a token.
            limiter.AddPolicy(Messages, context => PerClient(context, Limits(context).MessagesPerMinute, onlyInLocalMode: true));
            limiter.AddPolicy(DirectLine, context => PerClient(context, Limits(context).DirectLinePerMinute));
            limiter.AddPolicy(Search, context => PerClient(context, Limits(context).SearchPerMinute));
        });
        return builder;
    }

    /// <summary>Limits the endpoints of <paramref name="builder"/> by the policy <paramref name="policy"/> (one of the constants here).</summary>
    public static TBuilder RequirePerClientLimit<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder => builder.RequireRateLimiting(policy);

    private static RateLimitOptions Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static RateLimitPartition<string> PerClient(HttpContext context, int perMinute, bool onlyInLocalMode = false)
    {
        if (perMinute <= 0 || onlyInLocalMode && !context.RequestServices.GetRequiredService<IOptions<BotCredentials>>().Value.IsLocalMode)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}
