using System.Diagnostics;
using System.Net.Sockets;
using StackExchange.Redis;

namespace AdvisorBot.Tests.State;

/// <summary>
/// A real redis-server (Debian's; the test command installs it) on a free loopback port, with no persistence, started
/// for a test class and stopped after it. <see cref="StopAsync"/> and <see cref="StartAsync"/> take it away and bring
/// it back on the same port, as an outage would.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"advisorbot-redis-{Guid.NewGuid():N}");
    private Process? _process;

    public int Port { get; } = TestData.FreePort();

    /// <summary>The StackExchange.Redis configuration string the service takes (<c>ConnectionStrings:Redis</c>).</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    public ConnectionMultiplexer Connect() => ConnectionMultiplexer.Connect(ConnectionString);

    public async Task InitializeAsync() => await StartAsync();

    public async Task StartAsync()
    {
        Directory.CreateDirectory(_folder);
        var start = new ProcessStartInfo(Locate(), $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no --dir {_folder} --protected-mode yes")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(25);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on {Port}");
    }

    /// <summary>Kills the server (SIGKILL: nothing is flushed, as in a crash).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    private static string Locate()
    {
        foreach (var candidate in new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("redis-server is not installed: ./test.sh installs Debian's redis-server.");
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
