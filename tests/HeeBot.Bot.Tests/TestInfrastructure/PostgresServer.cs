using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>
/// A throwaway PostgreSQL from Debian's <c>postgresql</c> package (tests/test.sh installs it): a new cluster in a temp
/// folder (<c>initdb</c>, trust auth, no fsync), served on 127.0.0.1 and a free port, deleted on dispose. PostgreSQL
/// refuses to run as root, so as root it runs as the package's <c>postgres</c> user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string User = "heebot";
    private readonly Process process;
    private readonly string folder;

    private PostgresServer(Process process, string folder, int port)
    {
        this.process = process;
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A connection string to a database of its own, created by <see cref="CreateDatabaseAsync"/>.</summary>
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Pooling=false";

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); run tests/test.sh, which installs Debian's postgresql");
        }

        var folder = Path.Combine(Path.GetTempPath(), $"heebot-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", "postgres:postgres", folder);
        }

        var data = Path.Combine(folder, "data");
        await RunAsync(asRoot, Path.Combine(bin, "initdb"), "-D", data, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions");
        var port = ServerProcess.FreePort();
        var server = new PostgresServer(Start(asRoot, Path.Combine(bin, "postgres"), "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", folder, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"), folder, port);
        for (var i = 0; i < 400 && !server.process.HasExited; i++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
                await connection.OpenAsync();
                return server;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException)
            {
                await Task.Delay(25);
            }
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"PostgreSQL is not accepting connections on port {port}");
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"heebot_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        await ServerProcess.StopAsync(process);
        Directory.Delete(folder, recursive: true);
    }

    private static Process Start(bool asRoot, string program, params string[] arguments) => ServerProcess.Start(StartInfo(asRoot, program, arguments), program);

    private static Task RunAsync(string program, params string[] arguments) => RunAsync(false, program, arguments);

    private static async Task RunAsync(bool asRoot, string program, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(asRoot, program, arguments)) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    /// <summary><paramref name="program"/> as this user, or as root through <c>runuser</c> as <c>postgres</c>.</summary>
    private static ProcessStartInfo StartInfo(bool asRoot, string program, string[] arguments)
    {
        var start = asRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments]) : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return start;
    }
}
