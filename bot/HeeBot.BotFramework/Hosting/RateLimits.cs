using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HeeBot.BotFramework.Hosting;

/// <summary>
/// Per-client request limits (ASP.NET Core rate limiting): a fixed window of one minute per client address, 429 with
/// <c>Retry-After</c> beyond it. The limiter middleware is added once by <see cref="UseRateLimits"/>.
/// </summary>
public static class RateLimits
{
    /// <summary>
    /// Adds the policy <paramref name="name"/>: <paramref name="perMinute"/> requests per client address and minute;
    /// 0 lets the request through unlimited.
    /// </summary>
    public static IServiceCollection AddPerClientRateLimit(this IServiceCollection services, string name, Func<HttpContext, int> perMinute) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(name, context =>
            {
                var limit = perMinute(context);
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return limit <= 0
                    ? RateLimitPartition.GetNoLimiter(string.Empty)
                    : RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });

    /// <summary>The rate limiter middleware, once, for every policy added with <see cref="AddPerClientRateLimit"/>.</summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();
}
