namespace HeeBot.Bot.Faq;

internal static class FaqExtensions
{
    public static IHostApplicationBuilder AddFaq(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FaqOptions>()
            .BindConfiguration(FaqOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddMemoryCache(cache => cache.SizeLimit = 100_000);
        builder.Services.AddSingleton<ConversationMemory>();
        return builder;
    }
}
