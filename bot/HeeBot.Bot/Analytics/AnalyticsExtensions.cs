using System.Security.Cryptography;
using HeeBot.Retrieval.Analytics;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Analytics;

internal static class AnalyticsExtensions
{
    /// <summary>The question log (SQLite, opened and migrated at start-up) and the salt user ids are hashed with.</summary>
    public static IHostApplicationBuilder AddAnalytics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IQuestionLog>(sp => SqliteQuestionLog.Open(DatabasePath(sp)));
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
}
