using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OrleansVm.Cluster.Tests.MultiProcess;

/// <summary>
/// One real silo process (<c>dotnet OrleansVm.Silo.dll --cluster postgres</c>) on 127.0.0.1, with free
/// HTTP, silo and gateway ports. <see cref="Kill"/> is a SIGKILL (no goodbye); dispose stops it with
/// SIGTERM, then SIGKILL after a grace period, and deletes its data directory.
/// </summary>
public sealed class ClusterSiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly string _dataDirectory;

    private ClusterSiloProcess(Process process, string name, Uri baseAddress, string dataDirectory)
    {
        _process = process;
        Name = name;
        BaseAddress = baseAddress;
        _dataDirectory = dataDirectory;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public string LogTail(int lines = 40) => string.Join('\n', _log.TakeLast(lines));

    /// <summary>Starts the silo; <see cref="WaitUntilHealthyAsync"/> waits for it to serve.</summary>
    public static ClusterSiloProcess Launch(string name, string connectionString, string operatorToken, bool initSchema)
    {
        var port = FreePort();
        var dataDirectory = Directory.CreateTempSubdirectory("orleansvm-cluster-silo-").FullName;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        string[] arguments =
        [
            SiloAssembly(),
            "--cluster", "postgres", "--storage", "postgres", "--connection-string", connectionString,
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--silo-port", FreePort().ToString(CultureInfo.InvariantCulture),
            "--gateway-port", FreePort().ToString(CultureInfo.InvariantCulture),
            "--silo-id", name, "--data-dir", dataDirectory,
            "--no-presets", "--no-demo-workspace",
            // A loaded 2-core box: plugin turns may wait for a core far longer than the 100 ms default.
            "--event-timeout-ms", "5000", "--render-timeout-ms", "5000", "--load-timeout-ms", "10000",
            "--shutdown-timeout-seconds", "10",
            .. initSchema ? new[] { "--init-schema" } : [],
        ];
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ORLEANSVM_", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["ORLEANSVM_OPERATOR_TOKEN"] = operatorToken;

        var process = new Process { StartInfo = start };
        var silo = new ClusterSiloProcess(process, name, new Uri($"http://127.0.0.1:{port}/"), dataDirectory);
        process.OutputDataReceived += (_, e) => silo.Log(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Log(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    public async Task WaitUntilHealthyAsync(CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before serving:\n{LogTail()}");
            try
            {
                using var response = await http.GetAsync("api/v1/health", cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // this probe timed out; the deadline has not passed
            }
            await Task.Delay(250, cancellationToken);
        }
        throw new TimeoutException($"{Name} did not serve /api/v1/health within {StartTimeout.TotalSeconds:0} s:\n{LogTail()}");
    }

    /// <summary>SIGKILL: the silo leaves no goodbye in membership; the survivors must detect it.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _ = SendSigterm(_process.Id);
                using var stop = new CancellationTokenSource(StopTimeout);
                try
                {
                    await _process.WaitForExitAsync(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            _process.Dispose();
            try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { /* a temp directory left behind is harmless */ }
        }
    }

    private void Log(string? line)
    {
        if (line is null) return;
        _log.Enqueue(line);
        while (_log.Count > 500 && _log.TryDequeue(out _)) { }
    }

    private static int SendSigterm(int pid) => Process.Start("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]) is { } kill ? Wait(kill) : -1;

    private static int Wait(Process process)
    {
        using (process)
        {
            process.WaitForExit(5000);
            return process.HasExited ? process.ExitCode : -1;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The silo built with the solution (src/OrleansVm.Silo/bin/&lt;configuration&gt;), found from the test's folder.</summary>
    private static string SiloAssembly()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OrleansVm.sln"))) directory = directory.Parent;
        if (directory is null) throw new InvalidOperationException("OrleansVm.sln not found above " + AppContext.BaseDirectory);
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0/
        var path = Path.Combine(directory.FullName, "src", "OrleansVm.Silo", "bin", configuration, "net10.0", "OrleansVm.Silo.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"Build the silo first: {path} is missing.");
    }
}
