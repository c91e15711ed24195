namespace OrleansVm.Silo.Hosting;

/// <summary>
/// The silo's configuration, section <c>OrleansVm</c>: appsettings.json, then <c>ORLEANSVM_*</c>
/// environment variables, then command-line flags (see <see cref="SiloCommandLine"/>).
/// </summary>
public sealed class SiloSettings
{
    public const string Section = "OrleansVm";

    /// <summary>Port on 127.0.0.1 when <see cref="Urls"/> is not set.</summary>
    public int Port { get; set; } = 5080;

    /// <summary>Kestrel URLs separated by ';' (e.g. <c>http://0.0.0.0:5080</c>); wins over <see cref="Port"/>.</summary>
    public string? Urls { get; set; }

    /// <summary>Where the SQLite file and the dev operator token live; relative to the working directory.</summary>
    public string DataDir { get; set; } = "data";

    public StorageKind Storage { get; set; } = StorageKind.Sqlite;

    /// <summary>PostgreSQL connection string (required with <see cref="StorageKind.Postgres"/>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply the deploy/sql schema at start (PostgreSQL; SQLite always applies it).</summary>
    public bool InitSchema { get; set; }

    /// <summary>The cluster-wide operator token. Unset on a loopback bind: dev mode creates one in the data directory.</summary>
    public string? OperatorToken { get; set; }

    /// <summary>Directory of the built web playground; default: the copy next to the silo binary.</summary>
    public string? PlaygroundPath { get; set; }

    /// <summary>Maps <c>POST /api/v1/_bench/echo</c> (for the HTTP benchmark); off by default.</summary>
    public bool EnableBenchEndpoints { get; set; }

    /// <summary>Publish the six preset packages at start (idempotent).</summary>
    public bool PublishPresets { get; set; } = true;

    /// <summary>A workspace created at start with the presets' manifest grants; empty to skip.</summary>
    public string? DemoWorkspace { get; set; } = "demo";

    /// <summary>This silo's id; a random one when unset.</summary>
    public string? SiloId { get; set; }

    /// <summary><c>simple</c> (one line per entry) or <c>json</c> (structured, one JSON object per line).</summary>
    public string LogFormat { get; set; } = "simple";

    public SiloLimits Limits { get; set; } = new();
}

public enum StorageKind
{
    Sqlite,
    Postgres,
    Memory,
}
