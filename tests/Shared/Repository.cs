namespace HeeBot.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Knowledge => Path.Combine(Root, "knowledge");

    /// <summary>The made-up fixture article (Riverside Training Trust) that tests of the search and of the conversation share.</summary>
    public static string FixtureKnowledge => Path.Combine(Root, "tests", "HeeBot.Retrieval.Tests", "TestData", "knowledge");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HeeBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"HeeBot.sln not found above {AppContext.BaseDirectory}");
    }
}
