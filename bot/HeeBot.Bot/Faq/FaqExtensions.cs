namespace HeeBot.Bot.Faq;

internal static class FaqExtensions
{
    public static IHostApplicationBuilder AddFaq(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FaqOptions>()
            .BindConfiguration(FaqOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => string.IsNullOrEmpty(o.ContactUrl) || (Uri.TryCreate(o.ContactUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" or "mailto"),
                "Faq:ContactUrl must be an https:// page or a mailto: address")
            .ValidateOnStart();
        // What the bot remembers of a conversation: in memory (64 MB at most) unless AddRedis put it in Redis.
        builder.Services.AddDistributedMemoryCache(cache => cache.SizeLimit = 64 * 1024 * 1024);

        builder.Services.AddSingleton<ConversationMemory>();
        builder.Services.AddSingleton<Redeliveries>();
        return builder;
    }
}
