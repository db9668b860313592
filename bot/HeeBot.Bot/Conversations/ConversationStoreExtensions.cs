using System.Security.Cryptography;
using HeeBot.BotFramework.DirectLine;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Conversations;

internal static class ConversationStoreExtensions
{
    /// <summary>
    /// One instance: the built-in Direct Line's conversations in SQLite, and its token signing key in a file beside them
    /// unless <c>DirectLine:TokenSigningKey</c> or <c>DirectLine:Secret</c> is set, so open chats and their tokens
    /// survive a restart. After AddRedis (which keeps them in Redis instead), before AddDirectLine.
    /// </summary>
    public static IHostApplicationBuilder AddConversationStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConversationStoreOptions>().BindConfiguration(ConversationStoreOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (!builder.Configuration.GetValue(ConversationStoreOptions.SectionName + ":" + nameof(ConversationStoreOptions.Persist), true)
            || !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(Redis.RedisOptions.ConnectionStringName)))
        {
            // In memory, or in Redis, where every instance must be given the same DirectLine:Secret or TokenSigningKey.
            return builder;
        }

        builder.Services.TryAddSingleton<IDirectLineStore>(sp => SqliteDirectLineStore.Open(DatabasePath(sp), sp.GetRequiredService<IOptions<DirectLineOptions>>(), TimeProvider.System));
        builder.Services.AddOptions<DirectLineOptions>().PostConfigure<IOptions<ConversationStoreOptions>, IHostEnvironment>((directLine, store, environment) =>
        {
            if (string.IsNullOrWhiteSpace(directLine.TokenSigningKey) && string.IsNullOrEmpty(directLine.Secret))
            {
                directLine.TokenSigningKey = SigningKey(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(store.Value.DatabasePath, environment.ContentRootPath))!, "directline.key"));
            }
        });
        return builder;
    }

    private static string DatabasePath(IServiceProvider services) =>
        Path.GetFullPath(services.GetRequiredService<IOptions<ConversationStoreOptions>>().Value.DatabasePath, services.GetRequiredService<IHostEnvironment>().ContentRootPath);

    /// <summary>The key in <paramref name="file"/>, made (32 random bytes, base64, readable by this user only) the first time.</summary>
    private static string SigningKey(string file)
    {
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var temporary = file + ".partial";
            File.WriteAllText(temporary, key);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temporary, file, overwrite: false);
            }
            catch (IOException) when (File.Exists(file))
            {
                File.Delete(temporary); // another process made it first: theirs is the key
            }
        }

        return File.ReadAllText(file).Trim();
    }
}
