using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace HeeBot.BotFramework.Hosting;

/// <summary>The one Redis connection of the app, from <c>ConnectionStrings:Redis</c>, shared by whatever keeps state there.</summary>
public static class RedisConnection
{
    public const string ConnectionStringName = "Redis";

    /// <summary>Registers the connection when the connection string is set; returns whether it is.</summary>
    public static bool AddIfConfigured(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        builder.Services.TryAddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false; // start even if Redis is not up yet; the client keeps reconnecting
            return ConnectionMultiplexer.Connect(options);
        });
        return true;
    }
}
