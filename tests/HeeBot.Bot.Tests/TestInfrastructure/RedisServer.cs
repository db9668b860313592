using System.Diagnostics;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>
/// A throwaway <c>redis-server</c> from Debian's package (tests/test.sh installs it), on 127.0.0.1 and a free port,
/// keeping nothing on disk but its log (<see cref="Log"/>: connections accepted and closed, for a failing test's message);
/// stopped on dispose.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string logFile;

    private RedisServer(Process process, int port, string logFile)
    {
        this.process = process;
        Port = port;
        this.logFile = logFile;
    }

    /// <summary>What the server logged (verbose: every client connection accepted and closed).</summary>
    public string Log => File.Exists(logFile) ? File.ReadAllText(logFile) : string.Empty;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var port = ServerProcess.FreePort();
        var logFile = Path.Combine(Path.GetTempPath(), $"heebot-redis-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo("redis-server");
        foreach (var argument in (string[])["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "verbose", "--logfile", logFile])
        {
            start.ArgumentList.Add(argument);
        }

        var server = new RedisServer(ServerProcess.Start(start, "redis-server (run tests/test.sh, which installs it)"), port, logFile);
        if (await ServerProcess.WaitUntilListeningAsync(server.process, port))
        {
            return server;
        }

        var log = server.Log;
        await server.DisposeAsync();
        throw new InvalidOperationException($"redis-server is not accepting connections on port {port}:\n{log}");
    }

    public async ValueTask DisposeAsync()
    {
        await ServerProcess.StopAsync(process);
        File.Delete(logFile);
    }
}
