using HeeBot.Bot.Admin;
using HeeBot.Bot.Analytics;
using HeeBot.Bot.Conversations;
using HeeBot.Bot.Hosting;
using HeeBot.Bot.Faq;
using HeeBot.Bot.Health;
using HeeBot.Bot.RateLimiting;
using HeeBot.Bot.Redis;
using HeeBot.Bot.Index;
using HeeBot.Bot.TeamsApp;
using HeeBot.Bot.WebChat;
using HeeBot.BotFramework.DirectLine;
using HeeBot.BotFramework.Hosting;

switch (args)
{
    case [TeamsAppCommand.Name, .. var rest]:
        return TeamsAppCommand.Run(rest, Console.Out, Console.Error); // writes the Teams app package (bot/DEPLOY.md)
    case [ReportCommand.Name, .. var rest]:
        return await ReportCommand.RunAsync(rest, Console.Out, Console.Error, TimeProvider.System); // the editors' report from the question log
}

var builder = WebApplication.CreateBuilder(args);

builder.AddForwardedHeaders();      // behind a TLS proxy: the public scheme, host and client address from trusted proxies
builder.AddRedis();                 // with ConnectionStrings:Redis (several instances): conversations and their memory in Redis
builder.AddConversationStore();     // otherwise: Direct Line conversations and their token key in SQLite, kept across restarts
builder.AddRetrieval();             // the passage index: built from knowledge/ when missing or stale, then searched
builder.AddFaq();                   // the conversation: welcome, answers, did you mean, follow-ups, more, feedback
builder.AddAnalytics();             // the question log (SQLite, or PostgreSQL for many instances) behind the report and /admin
builder.AddBotFramework<FaqBot>();  // the protocol: /api/messages, channel auth, replies through the Connector
builder.AddDirectLine();            // the built-in Direct Line 3.0 channel for Web Chat
builder.AddWebChat();               // the chat page at /, /embed.js and its token endpoint
builder.AddAdmin();                 // the editors' report page, off until Admin:Key is set
builder.AddHealth();                // /healthz: the live index, the question log's database, Redis
builder.AddRateLimits();            // per-client limits of /api/messages (local mode), Direct Line and /api/search
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseDirectLine();
app.UseWebChatFiles();
app.UseRateLimiter();
app.MapWebChat();
app.MapBotFramework("/api/messages").RequireRateLimiting(RateLimitExtensions.Messages);
app.MapDirectLine().RequireRateLimiting(RateLimitExtensions.DirectLine);
app.MapSearch("/api/search").RequireRateLimiting(RateLimitExtensions.Search);
app.MapHealth("/healthz");
app.MapAdmin("/admin");
app.MapPrivacy("/privacy");
app.MapAccessibility("/accessibility");

await app.RunAsync();
return 0;
