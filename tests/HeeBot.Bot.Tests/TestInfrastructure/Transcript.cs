using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>Writes what was said, both ways, to the test output (dotnet test --logger "console;verbosity=detailed").</summary>
public static class Transcript
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(ITestOutputHelper output, string title, IEnumerable<JsonObject> sent, IEnumerable<RecordedPost> received)
    {
        output.WriteLine($"=== {title}");
        foreach (var activity in sent)
        {
            output.WriteLine($"--> POST /api/messages\n{activity.ToJsonString(Indented)}");
        }

        foreach (var post in received)
        {
            output.WriteLine($"<-- POST {post.Path}\n{JsonSerializer.Serialize(post.Activity, Indented)}");
        }
    }
}
