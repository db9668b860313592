namespace HeeBot.Bot.Faq;

internal static class FaqExtensions
{
    public static IHostApplicationBuilder AddFaq(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FaqOptions>()
            .BindConfiguration(FaqOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }
}
