using HeeBot.Bot.Endpoints;
using HeeBot.Bot.Faq;
using HeeBot.Bot.Retrieval;
using HeeBot.BotFramework.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddRetrieval();             // the passage index: built from knowledge/ when missing or stale, then searched
builder.AddFaq();                   // the conversation: welcome, answers, declines, small talk
builder.AddBotFramework<FaqBot>();  // the protocol: /api/messages, channel auth, replies through the Connector
builder.Services.AddProblemDetails();

var app = builder.Build();

app.MapBotFramework("/api/messages");
app.MapSearch("/api/search");
app.MapHealth("/healthz");

app.Run();
