using System.Buffers.Binary;
using System.IO.Compression;
using System.Reflection;
using HeeBot.Bot.Tests.TestInfrastructure;
using System.Text.Json;
using HeeBot.Tests;
using NJsonSchema;

namespace HeeBot.Bot.Tests;

/// <summary>
/// <c>HeeBot.Bot teams-app</c> run as a person runs it; its package checked against the official Teams manifest schema
/// (from the npm package <c>@microsoft/app-manifest</c>), and its icons and zip layout against Teams' rules.
/// </summary>
public sealed class TeamsAppPackageTests : IDisposable
{
    private const string AppId = "0b9e3a4c-6f21-4d8e-9c7a-5e1f2d3c4b5a";
    private const string Host = "heebot.example.org";

    private static readonly string SchemaFolder = Metadata("ManifestSchemas");

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task ThePackage_HasTheStampedManifestAndBothIconsAtItsRoot_AndTheManifestIsValid()
    {
        var zipPath = folder.Combine("out", "heebot-teams.zip");

        var (exit, output, error) = await RunAsync("--app-id", AppId, "--host", Host, "--app-version", "1.2.3", "--out", zipPath);

        Assert.True(exit == 0, error);
        Assert.Contains("manifest.json, color.png, outline.png", output, StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));

        var manifestText = Read(zip, "manifest.json");
        using var manifest = JsonDocument.Parse(manifestText);
        var version = manifest.RootElement.GetProperty("manifestVersion").GetString()!;
        var schema = await JsonSchema.FromFileAsync(Path.Combine(SchemaFolder, $"v{version}", "MicrosoftTeams.schema.json"));
        var problems = schema.Validate(manifestText);
        Assert.True(problems.Count == 0, string.Join('\n', problems.Select(p => $"{p.Path}: {p.Kind}")));

        var bot = manifest.RootElement.GetProperty("bots")[0];
        Assert.Equal(AppId, bot.GetProperty("botId").GetString());
        Assert.Equal(["personal", "team", "groupChat"], bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(3, bot.GetProperty("commandLists")[0].GetProperty("commands").GetArrayLength());
        Assert.Equal([Host], manifest.RootElement.GetProperty("validDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("1.2.3", manifest.RootElement.GetProperty("version").GetString());
        Assert.DoesNotContain("{{", manifestText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheIcons_Are192And32PixelsAndTheOutlineIsWhiteOnTransparent()
    {
        var zipPath = folder.Combine("heebot-teams.zip");
        var (exit, _, error) = await RunAsync("--app-id", AppId, "--host", Host, "--out", zipPath);
        Assert.True(exit == 0, error);
        using var zip = ZipFile.OpenRead(zipPath);

        var color = Png.Read(ReadBytes(zip, "color.png"));
        var outline = Png.Read(ReadBytes(zip, "outline.png"));

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.All(outline.Pixels(), p => Assert.True(p.A == 0 || (p.R == 255 && p.G == 255 && p.B == 255), $"outline pixel {p}"));
        Assert.Contains(outline.Pixels(), p => p.A == 0);
        Assert.Contains(outline.Pixels(), p => p.A == 255);
        Assert.All(color.Pixels(), p => Assert.Equal(255, p.A));
    }

    [Fact]
    public async Task TheSchemaCheck_CatchesABrokenManifest()
    {
        var zipPath = folder.Combine("heebot-teams.zip");
        await RunAsync("--app-id", AppId, "--host", Host, "--out", zipPath);
        using var zip = ZipFile.OpenRead(zipPath);
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(Read(zip, "manifest.json"))!.AsObject();
        manifest.Remove("accentColor");
        manifest["madeUpField"] = 1;
        manifest["bots"]![0]!["scopes"] = new System.Text.Json.Nodes.JsonArray("everywhere");

        var schema = await JsonSchema.FromFileAsync(Path.Combine(SchemaFolder, $"v{manifest["manifestVersion"]}", "MicrosoftTeams.schema.json"));
        var problems = schema.Validate(manifest.ToJsonString());

        Assert.Contains(problems, p => p.Kind == NJsonSchema.Validation.ValidationErrorKind.PropertyRequired && p.Property == "accentColor");
        Assert.Contains(problems, p => p.Kind == NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed);
        Assert.True(problems.Count >= 3, string.Join('\n', problems.Select(p => $"{p.Path}: {p.Kind}")));
    }

    [Theory]
    [InlineData("not-a-guid", Host, "--app-id")]
    [InlineData(AppId, "https://heebot.example.org/api", "--host")]
    public async Task BadArguments_AreNamedAndNothingIsWritten(string appId, string host, string named)
    {
        var zipPath = folder.Combine("bad.zip");

        var (exit, _, error) = await RunAsync("--app-id", appId, "--host", host, "--out", zipPath);

        Assert.Equal(2, exit);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.False(File.Exists(zipPath));
    }

    private static Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => BotProcess.RunCommandAsync(["teams-app", .. args]);

    private static string Metadata(string key) =>
        typeof(TeamsAppPackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static string Read(ZipArchive zip, string name) => System.Text.Encoding.UTF8.GetString(ReadBytes(zip, name));

    private static byte[] ReadBytes(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Just enough PNG reading to check the icons: size, and the RGBA pixels of an unfiltered image.</summary>
    private sealed record Png(int Width, int Height, byte[] Raw)
    {
        public static Png Read(byte[] file)
        {
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], file[..4]);
            var width = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(16));
            var height = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(20));
            using var idat = new MemoryStream();
            for (var at = 8; at < file.Length;)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
                if (System.Text.Encoding.ASCII.GetString(file, at + 4, 4) == "IDAT")
                {
                    idat.Write(file, at + 8, length);
                }

                at += 12 + length;
            }

            idat.Position = 0;
            using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
            using var raw = new MemoryStream();
            zlib.CopyTo(raw);
            return new Png(width, height, raw.ToArray());
        }

        public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
        {
            for (var y = 0; y < Height; y++)
            {
                var row = y * ((Width * 4) + 1);
                Assert.Equal(0, Raw[row]);
                for (var x = 0; x < Width; x++)
                {
                    var at = row + 1 + (x * 4);
                    yield return (Raw[at], Raw[at + 1], Raw[at + 2], Raw[at + 3]);
                }
            }
        }
    }
}
