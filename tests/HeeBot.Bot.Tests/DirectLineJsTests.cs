using System.Diagnostics;
using System.Text.Json;
using HeeBot.Bot.Tests.TestInfrastructure;
using HeeBot.Tests;
using Xunit.Abstractions;

namespace HeeBot.Bot.Tests;

/// <summary>
/// The official Direct Line client, npm <c>botframework-directlinejs</c> (inside Web Chat), run in Node against the
/// built-in Direct Line (DirectLineJs/peer.mjs): a conversation over the stream, a dropped socket reconnected with its
/// watermark, token refresh, a forged token and an unknown conversation handled as the client expects.
/// </summary>
public sealed class DirectLineJsTests(LocalBot bot, ITestOutputHelper output) : IClassFixture<LocalBot>
{
    [Fact]
    public async Task TheOfficialClient_Converses_Reconnects_Refreshes_AndHandles403And404()
    {
        var script = Path.Combine(Repository.Root, "tests", "HeeBot.Bot.Tests", "DirectLineJs", "peer.mjs");
        var start = new ProcessStartInfo("node", [script, bot.App.BaseAddress.GetLeftPart(UriPartial.Authority)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        var checks = lines.Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(c => c.GetProperty("check").GetString()!, c => c);
        Assert.True(node.ExitCode == 0, string.Join("\n", lines) + await stderr);
        Assert.Equal(
            ["answers over the stream", "online", "answers after the socket dropped and reconnected", "nothing seen twice", "nothing lost", "token refreshed",
             "answers with the refreshed token", "a forged token is refused (403), not retried as a network error", "a conversation the bot does not have (404) is refused, not retried"],
            checks.Keys);
        Assert.All(checks.Values, c => Assert.True(c.GetProperty("ok").GetBoolean(), c.GetRawText()));
    }
}
