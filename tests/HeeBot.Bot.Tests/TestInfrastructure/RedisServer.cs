using System.Diagnostics;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>
/// A throwaway <c>redis-server</c> from Debian's package (tests/test.sh installs it), on 127.0.0.1 and a free port,
/// keeping nothing on disk; stopped on dispose.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process process;

    private RedisServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var port = ServerProcess.FreePort();
        var start = new ProcessStartInfo("redis-server");
        foreach (var argument in (string[])["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            start.ArgumentList.Add(argument);
        }

        var server = new RedisServer(ServerProcess.Start(start, "redis-server (run tests/test.sh, which installs it)"), port);
        if (await ServerProcess.WaitUntilListeningAsync(server.process, port))
        {
            return server;
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"redis-server is not accepting connections on port {port}");
    }

    public async ValueTask DisposeAsync() => await ServerProcess.StopAsync(process);
}
