using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using HeeBot.Retrieval.Knowledge;
using HeeBot.Retrieval.Search;
using Npgsql;

namespace HeeBot.Bot.Analytics;

/// <summary>
/// <c>HeeBot.Bot report [--since 7d] [--db FILE | --connection STRING]</c> (<c>dotnet run --project bot/HeeBot.Bot --
/// report</c>): what people asked and got, for the people who keep the content, from the log the bot writes with the
/// same configuration: <c>ConnectionStrings:QuestionLog</c> when set, else the SQLite file <c>Analytics:DatabasePath</c>.
/// The log is only read. Exit codes (<see cref="ExitCodes"/>): 0 printed, 2 bad arguments, 3 no log there.
/// </summary>
internal static partial class ReportCommand
{
    public const string Name = "report";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time)
    {
        var since = new Option<string>("--since") { Description = "How far back: 24h, 7d, 4w, or all.", DefaultValueFactory = _ => "7d" };
        since.Validators.Add(result =>
        {
            if (Period(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError("--since takes a period such as 24h, 7d or 4w, or 'all'.");
            }
        });
        var db = new Option<string?>("--db") { Description = "A SQLite question log (default: Analytics:DatabasePath, data/heebot.db)." };
        var connection = new Option<string?>("--connection") { Description = "A PostgreSQL question log (default: ConnectionStrings:QuestionLog)." };
        var index = new Option<string?>("--index") { Description = "The index whose articles are checked for overdue reviews (default: Retrieval:IndexPath)." };
        var suggest = new Option<bool>("--suggest") { Description = "Print alternate questions suggested by use (helpful answers, did-you-mean choices) as front-matter YAML, and repeated declines as content gaps." };
        var root = new RootCommand("Summarises HeeBot's question log: answer rate, did-you-mean rate, the most declined questions, the passages with the most \"not helpful\" and the articles due for review.") { since, db, connection, index, suggest };
        root.Validators.Add(result =>
        {
            if (result.GetValue(db) is not null && result.GetValue(connection) is not null)
            {
                result.AddError("--db and --connection name two logs: give one.");
            }
        });
        root.SetAction(async (parse, cancellationToken) =>
        {
            var period = parse.GetValue(since)!;
            var from = period == "all" ? DateTimeOffset.UnixEpoch : time.GetUtcNow() - Period(period)!.Value;
            QuestionReport? report = null;
            UsageSuggestions? suggestions = null;
            try
            {
                await using var opened = Open(parse.GetValue(db), parse.GetValue(connection));
                if (parse.GetValue(suggest))
                {
                    suggestions = await opened.Store.SuggestionsAsync(from, cancellationToken);
                }
                else
                {
                    report = await opened.Store.ReportAsync(from, cancellationToken);
                }
            }
            catch (Exception e) when (e is FileNotFoundException or NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }

            var indexPath = IndexPath(parse.GetValue(index));
            if (suggestions is not null)
            {
                using var searcher = TryOpen(indexPath);
                await SuggestionsWriter.WriteAsync(output, suggestions, searcher, Since(period, from));
                return ExitCodes.Success;
            }

            await WriteAsync(output, report!, period, from);
            await WriteReviewsAsync(output, indexPath, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
            return ExitCodes.Success;
        });

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var problem in result.Errors)
            {
                await error.WriteLineAsync($"error: {problem.Message}");
            }

            return ExitCodes.BadUsage;
        }

        return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>The log named on the command line, else the one the bot's configuration names.</summary>
    private static OpenedStore Open(string? file, string? connectionString)
    {
        if (file is null && connectionString is null)
        {
            var settings = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
            connectionString = settings.Configuration.GetConnectionString(AnalyticsOptions.ConnectionStringName) is { Length: > 0 } shared ? shared : null;
            var options = settings.Configuration.GetSection(AnalyticsOptions.SectionName).Get<AnalyticsOptions>() ?? new AnalyticsOptions();
            file = Path.GetFullPath(options.DatabasePath, settings.Environment.ContentRootPath);
        }

        return connectionString is not null ? new OpenedStore(PostgresQuestionLog.Create(connectionString)) : new OpenedStore(SqliteQuestionLog.OpenReadOnly(file!));
    }

    private static async Task WriteAsync(TextWriter output, QuestionReport report, string period, DateTimeOffset from)
    {
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        await output.WriteLineAsync(period == "all" ? "HeeBot question report, all time" : $"HeeBot question report {Since(period, from)}");
        await output.WriteLineAsync(F($"questions             {report.Questions}"));
        await output.WriteLineAsync(F($"answered              {report.Answered}  ({report.AnswerRate * 100:0.0}%)"));
        await output.WriteLineAsync(F($"did you mean          {report.DidYouMean}  ({report.DidYouMeanRate * 100:0.0}%)"));
        await output.WriteLineAsync(F($"declined              {report.Declined}"));
        await output.WriteLineAsync(F($"none of these         {report.Misses}"));
        await output.WriteLineAsync(F($"feedback              {report.Helpful} helpful, {report.NotHelpful} not helpful"));
        await output.WriteLineAsync();
        await output.WriteLineAsync(report.TopDeclined.Count == 0 ? "no declined questions" : "most declined questions (declined or \"none of these\"):");
        foreach (var q in report.TopDeclined)
        {
            await output.WriteLineAsync(F($"  {q.Count,4}  {q.Question}"));
        }

        await output.WriteLineAsync(report.MostNotHelpful.Count == 0 ? "no \"not helpful\" feedback" : "passages with the most \"not helpful\":");
        foreach (var p in report.MostNotHelpful)
        {
            await output.WriteLineAsync(F($"  {p.NotHelpful,4} not helpful, {p.Helpful} helpful  {p.PassageId}"));
        }
    }

    /// <summary>The index named on the command line, else the one the bot's configuration names.</summary>
    private static string IndexPath(string? named)
    {
        if (named is not null)
        {
            return Path.GetFullPath(named);
        }

        var settings = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        var options = settings.Configuration.GetSection(Index.RetrievalOptions.SectionName).Get<Index.RetrievalOptions>() ?? new Index.RetrievalOptions();
        return Path.GetFullPath(options.IndexPath, settings.Environment.ContentRootPath);
    }

    /// <summary>The period a report covers, as its heading says it: "since 2026-11-25 09:00 UTC (7d)", or "all time".</summary>
    private static string Since(string period, DateTimeOffset from) =>
        period == "all" ? "all time" : string.Create(CultureInfo.InvariantCulture, $"since {from:yyyy-MM-dd HH:mm} UTC ({period})");

    /// <summary>The index, lexical only (its passages and articles are what is read); null when there is none usable.</summary>
    private static PassageSearcher? TryOpen(string indexPath)
    {
        try
        {
            return PassageSearcher.Open(indexPath);
        }
        catch (IndexUnavailableException)
        {
            return null;
        }
    }

    /// <summary>The articles whose review date has passed, from the index's record of each article's front matter.</summary>
    private static async Task WriteReviewsAsync(TextWriter output, string indexPath, DateOnly today)
    {
        IReadOnlyList<ArticleInfo> articles;
        try
        {
            using var searcher = PassageSearcher.Open(indexPath);
            articles = searcher.Info.Articles;
        }
        catch (IndexUnavailableException e)
        {
            await output.WriteLineAsync($"articles due for review: not checked ({e.Message})");
            return;
        }

        var due = ArticleInfo.DueForReview(articles, today);
        await output.WriteLineAsync(due.Count == 0 ? "no articles due for review" : "articles due for review:");
        foreach (var article in due)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {article.File}  due {article.NextReview:yyyy-MM-dd} (last reviewed {article.Reviewed:yyyy-MM-dd})  {article.Title}"));
        }
    }

    private static TimeSpan? Period(string? text)
    {
        if (text == "all")
        {
            return TimeSpan.MaxValue;
        }

        var match = text is null ? Match.Empty : PeriodPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var n = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "h" => TimeSpan.FromHours(n),
            "d" => TimeSpan.FromDays(n),
            _ => TimeSpan.FromDays(7 * n),
        };
    }

    [GeneratedRegex(@"^([1-9][0-9]{0,3})([hdw])$")]
    private static partial Regex PeriodPattern();

    /// <summary>A store opened for one report, disposed after it.</summary>
    private sealed record OpenedStore(IQuestionLogStore Store) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Store is IAsyncDisposable d ? d.DisposeAsync() : ValueTask.CompletedTask;
    }
}
