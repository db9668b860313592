using System.IO.Compression;
using System.Text.Json.Nodes;

namespace HeeBot.Bot.TeamsApp;

/// <summary>
/// The Teams app package: the manifest template stamped with the bot's app id, host and version, and the two icons
/// beside it (<c>color.png</c> 192x192, white speech bubble on the accent colour; <c>outline.png</c> 32x32, white on
/// transparent, as Teams requires).
/// </summary>
internal static class AppPackage
{
    public const string ManifestFile = "manifest.json";
    public const string ColorIcon = "color.png";
    public const string OutlineIcon = "outline.png";

    /// <summary>The manifest template, copied beside the app.</summary>
    public static string TemplatePath => Path.Combine(AppContext.BaseDirectory, "TeamsApp", ManifestFile);

    /// <summary>The stamped manifest, checked to be JSON.</summary>
    public static string Manifest(string appId, string host, string version)
    {
        var text = File.ReadAllText(TemplatePath)
            .Replace("{{appId}}", appId, StringComparison.Ordinal)
            .Replace("{{host}}", host, StringComparison.Ordinal)
            .Replace("{{version}}", version, StringComparison.Ordinal);
        return JsonNode.Parse(text)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Writes the zip (files at its root) and returns the names written.</summary>
    public static IReadOnlyList<string> Write(string zipPath, string appId, string host, string version)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(zipPath)!);
        var temporary = zipPath + ".partial";
        using (var zip = ZipFile.Open(temporary, ZipArchiveMode.Create))
        {
            Add(zip, ManifestFile, System.Text.Encoding.UTF8.GetBytes(Manifest(appId, host, version)));
            Add(zip, ColorIcon, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TeamsApp", ColorIcon)));
            Add(zip, OutlineIcon, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TeamsApp", OutlineIcon)));
        }

        File.Move(temporary, zipPath, overwrite: true);
        return [ManifestFile, ColorIcon, OutlineIcon];
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(content);
    }
}
