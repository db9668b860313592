using System.Security.Cryptography;
using HeeBot.BotFramework.Hosting;
using HeeBot.Retrieval.Analytics;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Analytics;

internal static partial class AnalyticsExtensions
{
    /// <summary>The question log (SQLite, opened and migrated at start-up, written in the background) and the salt user ids are hashed with.</summary>
    public static IHostApplicationBuilder AddAnalytics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (RedisConnection.AddIfConfigured(builder))
        {
            // Several instances: one queue in Redis, drained into the database by the instances that are told to.
            builder.Services.AddSingleton(sp => SqliteQuestionLog.Open(DatabasePath(sp)));
            builder.Services.AddSingleton<RedisQuestionQueue>();
            builder.Services.AddSingleton<IQuestionLog>(sp => sp.GetRequiredService<RedisQuestionQueue>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisQuestionQueue>());
        }
        else
        {
            // Logged from a background writer, in batches: turns never wait for the database.
            builder.Services.AddSingleton<IQuestionLog>(sp =>
            {
                var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("HeeBot.Bot.Analytics");
                return new QueuedQuestionLog(SqliteQuestionLog.Open(DatabasePath(sp)), e => LogStoreFailed(logger, e));
            });
        }

        builder.Services.AddSingleton(sp => new UserHasher(Salt(sp)));
        return builder;
    }

    private static string DatabasePath(IServiceProvider services) =>
        Path.GetFullPath(services.GetRequiredService<IOptions<AnalyticsOptions>>().Value.DatabasePath, services.GetRequiredService<IHostEnvironment>().ContentRootPath);

    private static string Salt(IServiceProvider services)
    {
        if (services.GetRequiredService<IOptions<AnalyticsOptions>>().Value.UserHashSalt is { Length: > 0 } configured)
        {
            return configured;
        }

        var file = Path.Combine(Path.GetDirectoryName(DatabasePath(services))!, "salt");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        }

        return File.ReadAllText(file).Trim();
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "Could not store a batch of questions and feedback")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}
