using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansVm.BrowserTests.Infrastructure;

/// <summary>
/// A real silo in a child process (<c>dotnet OrleansVm.Silo.dll</c>) on a free loopback port, with a fresh temporary
/// data directory (SQLite) and the built playground. It runs under a small shell guard that stops it when this
/// process's end of the guard's stdin closes, so a test run that is killed does not leave a silo behind.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int StartAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    // $1.. = the silo command. Stdin (fd 0, a pipe from the test process) is kept as fd 3 for the watcher:
    // EOF there (test process gone or disposing) sends SIGTERM, then SIGKILL after a grace period.
    private const string GuardScript = """
        exec 3<&0
        "$@" </dev/null &
        silo=$!
        ( read -r _ <&3; kill -TERM "$silo" 2>/dev/null; sleep 10; kill -KILL "$silo" 2>/dev/null ) </dev/null >/dev/null 2>&1 &
        watcher=$!
        wait "$silo"; status=$?
        kill "$watcher" 2>/dev/null
        exit "$status"
        """;

    private readonly Process _process;
    private readonly SiloLog _log;

    private SiloProcess(Process process, SiloLog log, Uri baseAddress, string dataDirectory)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    /// <summary>The dev-mode operator token the silo created in its data directory (and printed).</summary>
    public string OperatorToken { get; private set; } = "";

    public string LogTail(int lines = 60) => _log.Tail(lines);

    public static async Task<SiloProcess> StartAsync(SiloLimitsForTests limits, string logFile, CancellationToken cancellationToken = default)
    {
        Prerequisites.RequireBuiltSilo();
        Prerequisites.RequireBuiltPlayground();
        for (var attempt = 1; ; attempt++)
        {
            var silo = Launch(FreeLoopbackPort.Next(), limits, logFile);
            try
            {
                await silo.WaitUntilServingAsync(cancellationToken);
                return silo;
            }
            catch (PortTakenException) when (attempt < StartAttempts)
            {
                await silo.DisposeAsync();
            }
            catch
            {
                await silo.DisposeAsync();
                throw;
            }
        }
    }

    private static SiloProcess Launch(int port, SiloLimitsForTests limits, string logFile)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("orleansvm-browser-tests-").FullName;
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(GuardScript);
        start.ArgumentList.Add("orleansvm-silo-guard");
        start.ArgumentList.Add(DotnetHost());
        start.ArgumentList.Add(TestPaths.SiloAssembly);
        foreach (var argument in SiloArguments(port, dataDirectory, limits)) start.ArgumentList.Add(argument);

        // Hermetic: no ORLEANSVM_* setting of the caller's shell (an operator token, a port) reaches the silo.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ORLEANSVM_", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";

        var log = new SiloLog(logFile);
        log.Write($"# silo on port {port}, data {dataDirectory}: {string.Join(' ', start.ArgumentList.Skip(3))}");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Write(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Write("[stderr] " + e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SiloProcess(process, log, new Uri($"http://127.0.0.1:{port}/"), dataDirectory);
    }

    private static IEnumerable<string> SiloArguments(int port, string dataDirectory, SiloLimitsForTests limits) =>
    [
        "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--silo-port", "0", "--gateway-port", "0", // Orleans' endpoints on free ports: no clash with another silo on the box
        "--data-dir", dataDirectory,
        "--storage", "sqlite",
        "--playground-path", TestPaths.PlaygroundDist,
        "--log-format", "simple",
        .. limits.ToArguments(),
    ];

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            while (!await IsHealthyAsync(http, timeout.Token))
            {
                ThrowIfExited();
                await Task.Delay(250, timeout.Token);
            }
            OperatorToken = await ReadOperatorTokenAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"The silo did not answer /api/v1/health within {StartTimeout.TotalSeconds:0} s. Its log:\n{LogTail()}");
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("api/v1/health", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // this request timed out; the overall deadline has not passed
        }
    }

    private void ThrowIfExited()
    {
        if (!_process.HasExited) return;
        var log = LogTail();
        if (log.Contains("address already in use", StringComparison.OrdinalIgnoreCase)) throw new PortTakenException();
        throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} before serving. Its log:\n{log}");
    }

    private async Task<string> ReadOperatorTokenAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(DataDirectory, "operator-token");
        if (File.Exists(path) && (await File.ReadAllTextAsync(path, cancellationToken)).Trim() is { Length: > 0 } fromFile) return fromFile;
        return _log.FindOperatorToken()
            ?? throw new InvalidOperationException($"The silo serves but no dev operator token was found in {path} nor in its output. Its log:\n{LogTail()}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close(); // the guard sends SIGTERM: a graceful stop
            using var stop = new CancellationTokenSource(StopTimeout);
            await _process.WaitForExitAsync(stop.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            _log.Write($"# graceful stop failed ({ex.GetType().Name}); killing the process tree");
        }
        finally
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
            _log.Dispose();
            TryDeleteDirectory(DataDirectory);
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // a temp directory left behind is harmless
        }
    }

    private sealed class PortTakenException : Exception;
}

/// <summary>The silo's console output: kept in memory (for error messages) and in a log file (a test artefact).</summary>
internal sealed class SiloLog : IDisposable
{
    private const string TokenMarker = "Dev mode operator token: ";
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StreamWriter _file;
    private readonly Lock _fileLock = new();

    public SiloLog(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = new StreamWriter(path, append: true) { AutoFlush = true };
    }

    public void Write(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > 2000 && _lines.TryDequeue(out _)) { }
        lock (_fileLock)
        {
            try { _file.WriteLine(line); } catch (ObjectDisposedException) { }
        }
    }

    public string Tail(int count) => string.Join('\n', _lines.TakeLast(count));

    public string? FindOperatorToken() =>
        _lines.Select(l => l.IndexOf(TokenMarker, StringComparison.Ordinal) is var i and >= 0 ? l[(i + TokenMarker.Length)..].Trim() : null)
              .LastOrDefault(t => !string.IsNullOrEmpty(t));

    public void Dispose()
    {
        lock (_fileLock) _file.Dispose();
    }
}
