using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using HeeBot.Retrieval.Analytics;

namespace HeeBot.IndexBuilder;

/// <summary><c>report --db FILE [--since 7d]</c>: what people asked and got, for the people who keep the content.</summary>
internal sealed partial class ReportCommand : Command
{
    public ReportCommand(TimeProvider time)
        : base("report", "Summarise the bot's question log: answer rate, did-you-mean rate, the most declined questions and the passages with the most \"not helpful\".")
    {
        this.time = time;
        Options.Add(DatabaseOption);
        Options.Add(SinceOption);
        SinceOption.Validators.Add(result =>
        {
            if (Period(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError("--since takes a period such as 24h, 7d or 4w, or 'all'.");
            }
        });
        SetAction(RunAsync);
    }

    private readonly TimeProvider time;

    public Option<string> DatabaseOption { get; } = new("--db")
    {
        Description = "The bot's question log (Analytics:DatabasePath; data/heebot.db by default).",
        DefaultValueFactory = _ => Path.Combine("data", "heebot.db"),
    };

    public Option<string> SinceOption { get; } = new("--since")
    {
        Description = "How far back: 24h, 7d, 4w, or all.",
        DefaultValueFactory = _ => "7d",
    };

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var since = parseResult.GetValue(SinceOption)!;
        var from = since == "all" ? DateTimeOffset.UnixEpoch : time.GetUtcNow() - Period(since)!.Value;
        QuestionReport report;
        try
        {
            report = await SqliteQuestionLog.OpenExisting(parseResult.GetValue(DatabaseOption)!).ReportAsync(from, cancellationToken);
        }
        catch (FileNotFoundException e)
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        await output.WriteLineAsync(since == "all" ? "HeeBot question report, all time" : F($"HeeBot question report since {from:yyyy-MM-dd HH:mm} UTC ({since})"));
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

        return ExitCodes.Success;
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
}
