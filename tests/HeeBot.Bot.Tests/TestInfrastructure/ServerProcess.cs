using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>What the throwaway servers the tests start (redis-server, PostgreSQL, nginx) have in common.</summary>
internal static class ServerProcess
{
    /// <summary>A port of 127.0.0.1 nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <paramref name="start"/> with its output read and dropped (a full pipe would stall it).</summary>
    public static Process Start(ProcessStartInfo start, string what)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{what} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>True once <paramref name="port"/> accepts connections; false if <paramref name="process"/> exits first or it takes over 10 s.</summary>
    public static async Task<bool> WaitUntilListeningAsync(Process process, int port)
    {
        for (var i = 0; i < 400 && !process.HasExited; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(25);
            }
        }

        return false;
    }

    /// <summary>Kills the server (and anything it started) and waits for it to be gone.</summary>
    public static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
