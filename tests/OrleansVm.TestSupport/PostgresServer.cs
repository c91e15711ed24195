using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OrleansVm.TestSupport;

/// <summary>
/// A throwaway PostgreSQL server for tests: <c>initdb</c> into a temporary directory, a free port on
/// 127.0.0.1, Unix sockets kept inside that directory, run as the <c>postgres</c> user when we are root
/// (PostgreSQL refuses to run as root). Dispose stops it and deletes everything. Nothing here depends
/// on a server left running, and a missing PostgreSQL install is an error, never a silent skip.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly string _binDirectory;
    private readonly string _rootDirectory;
    private int _disposed;

    private PostgresServer(string binDirectory, string rootDirectory)
    {
        _binDirectory = binDirectory;
        _rootDirectory = rootDirectory;
    }

    public int Port { get; private set; }

    /// <summary>The data directory (PGDATA).</summary>
    public string DataDirectory => Path.Combine(_rootDirectory, "data");

    public string LogFile => Path.Combine(_rootDirectory, "server.log");

    /// <summary>Connection string of the database created at start.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Connection string of the <c>postgres</c> maintenance database.</summary>
    public string AdminConnectionString => BuildConnectionString("postgres");

    public static async Task<PostgresServer> StartAsync(string databaseName = "orleansvm_test", CancellationToken cancellationToken = default)
    {
        var binDirectory = FindBinDirectory();
        var rootDirectory = Directory.CreateTempSubdirectory("orleansvm-pg-").FullName;
        var server = new PostgresServer(binDirectory, rootDirectory);
        try
        {
            await server.InitDbAsync(cancellationToken);
            await server.StartServerAsync(cancellationToken);
            server.ConnectionString = await server.CreateDatabaseAsync(databaseName, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates another empty database on this server and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string databaseName, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{databaseName.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return BuildConnectionString(databaseName);
    }

    /// <summary>
    /// Stops the server the way a crash would (<c>pg_ctl stop -m immediate</c>: no checkpoint, WAL replay
    /// on the next start) and starts it again on the same port.
    /// </summary>
    public async Task CrashAndRestartAsync(CancellationToken cancellationToken = default)
    {
        NpgsqlConnection.ClearAllPools();
        await PgCtlAsync(["stop", "-m", "immediate", "-w"], cancellationToken);
        await PgCtlAsync(["start", "-w", "-t", "60", "-l", LogFile, "-o", ServerOptions()], cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await PgCtlAsync(["stop", "-m", "fast", "-w"], CancellationToken.None);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(_rootDirectory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .ToList()
            : [];
        return candidates.Count > 0
            ? candidates[0]
            : throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin. " +
                "Install them with `apt-get update && apt-get install -y postgresql` before running these tests.");
    }

    private async Task InitDbAsync(CancellationToken cancellationToken)
    {
        if (Environment.IsPrivilegedProcess)
        {
            await ProcessRunner.RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", _rootDirectory], CommandTimeout, cancellationToken);
        }

        // --no-sync: only initdb's own files skip fsync (speed); the running server keeps fsync on.
        await RunAsServiceUserAsync(Path.Combine(_binDirectory, "initdb"),
            ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], cancellationToken);
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        // A free port can be taken between probing and binding; try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FindFreePort();
            try
            {
                await PgCtlAsync(["start", "-w", "-t", "60", "-l", LogFile, "-o", ServerOptions()], cancellationToken);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
            catch (InvalidOperationException exception)
            {
                var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile, cancellationToken) : "(no log)";
                throw new InvalidOperationException($"PostgreSQL did not start: {exception.Message}{Environment.NewLine}{log}", exception);
            }
        }
    }

    private string ServerOptions() =>
        $"-p {Port} -c listen_addresses=127.0.0.1 -k {_rootDirectory} -c fsync=on -c synchronous_commit=on " +
        "-c max_connections=200 -c shared_buffers=32MB";

    private Task<string> PgCtlAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsServiceUserAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", DataDirectory, .. arguments], cancellationToken);

    private static Task<string> RunAsServiceUserAsync(string executable, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        Environment.IsPrivilegedProcess
            ? ProcessRunner.RunAsync("runuser", ["-u", ServiceUser, "--", executable, .. arguments], CommandTimeout, cancellationToken)
            : ProcessRunner.RunAsync(executable, arguments, CommandTimeout, cancellationToken);

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string BuildConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        MaxPoolSize = 100,
    }.ToString();
}
