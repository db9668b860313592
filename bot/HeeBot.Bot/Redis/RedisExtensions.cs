using HeeBot.BotFramework.DirectLine;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HeeBot.Bot.Redis;

internal static class RedisExtensions
{
    /// <summary>
    /// With <c>ConnectionStrings:Redis</c> set (several instances): one connection, and in it the Direct Line
    /// conversations and the bot's conversation memory, so any instance serves any request. Unset: nothing, and the
    /// features keep those in this process. Call it before the features it stands in for.
    /// </summary>
    public static IHostApplicationBuilder AddRedis(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(RedisOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return builder;
        }

        builder.Services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // Connected now, at start-up, not on the first request that needs it: connecting is a blocking call, and under a
        // burst of requests its handshake waited behind them for a thread, so that instance never got a working
        // connection (the multi-instance test's lost questions).
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false; // start even if Redis is not up yet; the client keeps reconnecting
        var connection = ConnectionMultiplexer.Connect(options);
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => connection); // made by a factory, so the container disposes it
        builder.Services.Replace(ServiceDescriptor.Singleton<IDirectLineStore, RedisDirectLineStore>());
        builder.Services.AddStackExchangeRedisCache(_ => { });
        builder.Services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer, IOptions<RedisOptions>>((cache, connection, options) =>
        {
            cache.InstanceName = options.Value.KeyPrefix + "state:";
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(connection);
        });
        return builder;
    }
}
