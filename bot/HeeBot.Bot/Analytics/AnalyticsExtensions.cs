using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HeeBot.Bot.Analytics;

internal static class AnalyticsExtensions
{
    /// <summary>
    /// The question log: its store (SQLite by default, PostgreSQL with <c>ConnectionStrings:QuestionLog</c>), opened and
    /// migrated at start-up, the background writer, and the salt user ids are hashed with.
    /// </summary>
    public static IHostApplicationBuilder AddAnalytics(this IHostApplicationBuilder builder)
    {
        var shared = builder.Configuration.GetConnectionString(AnalyticsOptions.ConnectionStringName);
        builder.Services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.SectionName).ValidateDataAnnotations()
            .Validate(
                o => string.IsNullOrWhiteSpace(shared) || !string.IsNullOrEmpty(o.UserHashSalt),
                $"{AnalyticsOptions.SectionName}:UserHashSalt must be set when ConnectionStrings:{AnalyticsOptions.ConnectionStringName} names a shared database, so every instance hashes user ids alike")
            .ValidateOnStart();
        builder.Services.AddSingleton<IQuestionLogStore>(sp => string.IsNullOrWhiteSpace(shared) ? SqliteQuestionLog.Open(DatabasePath(sp)) : OpenPostgres(shared));
        builder.Services.AddSingleton<QuestionLog>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<QuestionLog>());
        builder.Services.AddSingleton(sp => new UserHasher(Salt(sp)));
        return builder;
    }

    /// <summary>The SQLite file the options name, from the content root.</summary>
    public static string DatabasePath(IServiceProvider services) =>
        Path.GetFullPath(services.GetRequiredService<IOptions<AnalyticsOptions>>().Value.DatabasePath, services.GetRequiredService<IHostEnvironment>().ContentRootPath);

    /// <summary>Opens and migrates the shared log; a server that cannot be reached fails start-up naming it.</summary>
    public static PostgresQuestionLog OpenPostgres(string connectionString)
    {
        var log = PostgresQuestionLog.Create(connectionString);
        try
        {
            log.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
            return log;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new InvalidOperationException($"cannot open the question log in PostgreSQL at {log.Server} (ConnectionStrings:{AnalyticsOptions.ConnectionStringName}): {e.Message}", e);
        }
    }

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
