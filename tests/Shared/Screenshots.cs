namespace HeeBot.Tests;

/// <summary>
/// Where browser tests save screenshots: beside the test binaries, or into the repository (where README shows
/// them) when HEEBOT_SCREENSHOTS=1, so an ordinary test run never rewrites tracked files.
/// </summary>
internal static class Screenshots
{
    public static string PathFor(string name)
    {
        var folder = Environment.GetEnvironmentVariable("HEEBOT_SCREENSHOTS") == "1"
            ? System.IO.Path.Combine(Repository.Root, "tests", "HeeBot.Bot.Tests", "Screenshots")
            : System.IO.Path.Combine(AppContext.BaseDirectory, "Screenshots");
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, name);
    }
}
