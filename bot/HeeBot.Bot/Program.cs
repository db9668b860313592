using HeeBot.Bot.Admin;
using HeeBot.Bot.Analytics;
using HeeBot.Bot.Endpoints;
using HeeBot.Bot.Faq;
using HeeBot.Bot.Retrieval;
using HeeBot.Bot.TeamsApp;
using HeeBot.Bot.WebChat;
using HeeBot.BotFramework.DirectLine;
using HeeBot.BotFramework.Hosting;

if (args is [TeamsAppCommand.Name, .. var teamsArgs])
{
    return TeamsAppCommand.Run(teamsArgs, Console.Out, Console.Error); // writes the Teams app package (bot/DEPLOY.md)
}

var builder = WebApplication.CreateBuilder(args);

builder.AddRetrieval();             // the passage index: built from knowledge/ when missing or stale, then searched
builder.AddFaq();                   // the conversation: welcome, answers, did you mean, follow-ups, more, feedback
builder.AddAnalytics();             // the question log (SQLite) that feedback and the editors' report read
builder.AddBotFramework<FaqBot>();  // the protocol: /api/messages, channel auth, replies through the Connector
builder.AddDirectLine();            // the built-in Direct Line 3.0 channel for Web Chat
builder.AddWebChat();               // the chat page at /, /embed.js and its token endpoint
builder.AddAdmin();                 // the editors' report page, off until Admin:Key is set
builder.Services.AddSearchRateLimit();  // per-client limit of /api/search
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseDirectLine();
app.UseRateLimits();                // per-client limits: /api/messages in local mode, Direct Line, /api/search
app.MapWebChat();
app.MapBotFramework("/api/messages");
app.MapDirectLine("/v3/directline");
app.MapSearch("/api/search");
app.MapHealth("/healthz");
app.MapAdmin("/admin");

app.Run();
return 0;
