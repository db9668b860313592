using System.CommandLine;
using System.Text.RegularExpressions;

namespace HeeBot.Bot.TeamsApp;

/// <summary>
/// <c>HeeBot.Bot teams-app --app-id &lt;guid&gt; --host &lt;bot host&gt; [--app-version 1.0.0] [--out heebot-teams.zip]</c>
/// (<c>dotnet run --project bot/HeeBot.Bot -- teams-app ...</c>): writes the Teams app package instead of running the bot.
/// Exit codes (<see cref="ExitCodes"/>): 0 written, 2 bad arguments, 3 the package could not be written.
/// </summary>
internal static partial class TeamsAppCommand
{
    public const string Name = "teams-app";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var appId = new Option<string>("--app-id") { Description = "The bot's Microsoft App ID (the Azure Bot's app registration), a GUID.", Required = true };
        var host = new Option<string>("--host") { Description = "The bot's public host name, e.g. heebot.example.org (no scheme, no path).", Required = true };
        var version = new Option<string>("--app-version") { Description = "The app version, major.minor.patch; raise it for every upload.", DefaultValueFactory = _ => "1.0.0" };
        var outPath = new Option<string>("--out") { Description = "Where to write the zip.", DefaultValueFactory = _ => "heebot-teams.zip" };
        var root = new RootCommand("Writes HeeBot's Microsoft Teams app package (manifest.json, color.png, outline.png at the zip root).") { appId, host, version, outPath };
        root.SetAction(parse =>
        {
            var id = parse.GetValue(appId)!.Trim();
            var name = parse.GetValue(host)!.Trim().TrimEnd('/');
            var semver = parse.GetValue(version)!.Trim();
            if (!Guid.TryParseExact(id, "D", out _))
            {
                error.WriteLine($"--app-id: '{id}' is not a GUID like 00000000-0000-0000-0000-000000000000");
                return ExitCodes.BadUsage;
            }

            if (Uri.CheckHostName(name) is not (UriHostNameType.Dns or UriHostNameType.IPv4) || name.Contains("://", StringComparison.Ordinal))
            {
                error.WriteLine($"--host: '{name}' is not a host name (write heebot.example.org, without https:// or a path)");
                return ExitCodes.BadUsage;
            }

            if (!SemVer().IsMatch(semver))
            {
                error.WriteLine($"--app-version: '{semver}' is not major.minor.patch");
                return ExitCodes.BadUsage;
            }

            var path = Path.GetFullPath(parse.GetValue(outPath)!);
            try
            {
                var files = AppPackage.Write(path, id, name, semver);
                output.WriteLine($"wrote {path}: {string.Join(", ", files)}");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"cannot write {path}: {e.Message}");
                return ExitCodes.BadInput;
            }
        });

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var problem in result.Errors)
            {
                error.WriteLine(problem.Message);
            }

            return ExitCodes.BadUsage;
        }

        return result.Invoke();
    }

    [GeneratedRegex(@"^\d{1,4}\.\d{1,4}\.\d{1,4}$")]
    private static partial Regex SemVer();
}
