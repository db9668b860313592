using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using HeeBot.Tests;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>
/// HeeBot as a person runs it: <c>dotnet HeeBot.Bot.dll --urls http://127.0.0.1:0</c> in its own process, its
/// index built from knowledge/ into a temp folder, configuration on the command line, its log captured.
/// </summary>
public sealed partial class BotProcess : IAsyncDisposable
{
    private readonly StringBuilder log = new();
    private readonly TempFolder folder;
    private readonly (string Key, string Value)[] settings;
    private Process process = null!;
    private int disposed;

    private BotProcess(TempFolder folder, (string Key, string Value)[] settings)
    {
        this.folder = folder;
        this.settings = settings;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The bot's question log.</summary>
    public string DatabasePath => folder.Combine("data", "heebot.db");

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <param name="settings">Configuration keys and values, e.g. <c>("MicrosoftAppId", "app")</c>.</param>
    public static async Task<BotProcess> StartAsync(params (string Key, string Value)[] settings)
    {
        var bot = new BotProcess(new TempFolder(), settings);
        await bot.LaunchAsync("http://127.0.0.1:0");
        return bot;
    }

    /// <summary>Stops the bot as a service manager would (SIGTERM) and starts it again: same folder, settings and port.</summary>
    public async Task RestartAsync()
    {
        Assert.Equal(0, await StopAsync());
        process.Dispose();
        Append("--- restarted ---");
        await LaunchAsync(BaseAddress.GetLeftPart(UriPartial.Authority));
    }

    private async Task LaunchAsync(string url)
    {
        var dll = typeof(BotProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BotAssembly").Value!;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in new[]
        {
            ("urls", url),
            ("Retrieval:KnowledgePath", Repository.Knowledge),
            ("Retrieval:IndexPath", folder.Combine("index")),
            ("Analytics:DatabasePath", folder.Combine("data", "heebot.db")),
            ("Conversations:DatabasePath", folder.Combine("data", "directline.db")),
        }.Concat(settings))
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        var listening = Log.Length;
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        for (var i = 0; i < 600; i++)
        {
            if (ListeningOn().Match(Log, listening) is { Success: true } match)
            {
                BaseAddress = new Uri(match.Groups[1].Value);
                return;
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(50);
        }

        var output = Log;
        await DisposeAsync();
        throw new InvalidOperationException($"HeeBot did not start:\n{output}");
    }

    /// <summary>Runs one of the app's commands (<c>teams-app</c>, <c>report</c>) as a person would, to its end.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunCommandAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(BotProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BotAssembly").Value!);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Waits until the log has a line containing <paramref name="text"/>, or fails after a few seconds.</summary>
    public async Task<string> WaitForLogAsync(string text)
    {
        for (var i = 0; i < 100 && !Log.Contains(text, StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
        }

        return Log;
    }

    /// <summary>Asks the bot to stop as a service manager would (SIGTERM) and waits for it; returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        folder.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
