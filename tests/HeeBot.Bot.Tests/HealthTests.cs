using System.Net;
using System.Text.Json;
using HeeBot.Bot.Tests.TestInfrastructure;

namespace HeeBot.Bot.Tests;

/// <summary><c>/healthz</c>: the live index and the question log's database, each checked, in process.</summary>
public sealed class HealthTests : IAsyncDisposable
{
    private readonly BotApplication bot = BotApplication.WithFixture();

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task Healthz_ReportsTheLiveIndex_AndEachCheck()
    {
        using var client = bot.CreateClient();

        using var response = await client.GetAsync("/healthz");
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var root = health.RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("indexLoaded").GetBoolean());
        Assert.Equal((1, 8), (root.GetProperty("documents").GetInt32(), root.GetProperty("passages").GetInt32()));
        Assert.Equal(1, root.GetProperty("indexGeneration").GetInt32());
        Assert.Equal(["index", "questionLog"], root.GetProperty("checks").EnumerateObject().Select(c => c.Name));
        Assert.All(root.GetProperty("checks").EnumerateObject(), c => Assert.Equal("ok", c.Value.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Healthz_Is503_WhenTheQuestionLogsDatabaseIsBroken()
    {
        using var client = bot.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await File.WriteAllTextAsync(bot.DatabasePath, new string('x', 8192)); // no longer a SQLite file
        File.Delete(bot.DatabasePath + "-wal");
        File.Delete(bot.DatabasePath + "-shm");

        using var response = await client.GetAsync("/healthz");
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("unhealthy", health.RootElement.GetProperty("checks").GetProperty("questionLog").GetProperty("status").GetString());
        Assert.Equal("ok", health.RootElement.GetProperty("checks").GetProperty("index").GetProperty("status").GetString());
    }
}
