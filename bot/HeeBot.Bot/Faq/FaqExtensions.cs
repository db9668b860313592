using HeeBot.BotFramework.Hosting;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;

namespace HeeBot.Bot.Faq;

internal static class FaqExtensions
{
    public static IHostApplicationBuilder AddFaq(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FaqOptions>()
            .BindConfiguration(FaqOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Conversation state beside Direct Line's conversations: in Redis for several instances, else in memory (64 MB at most).
        if (RedisConnection.AddIfConfigured(builder))
        {
            builder.Services.AddStackExchangeRedisCache(redis => redis.InstanceName = "heebot:state:");
            builder.Services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer>((redis, connection) =>
                redis.ConnectionMultiplexerFactory = () => Task.FromResult(connection));
        }
        else
        {
            builder.Services.AddDistributedMemoryCache(cache => cache.SizeLimit = 64 * 1024 * 1024);
        }

        builder.Services.AddSingleton<ConversationMemory>();
        return builder;
    }
}
