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

    /// <summary>PostgreSQL connection string (required with <see cref="StorageKind.Postgres"/> and <see cref="StorageKind.AdoNet"/>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply the deploy/sql/postgres schema before the silo starts (PostgreSQL, ADO.NET; SQLite always creates its own).</summary>
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

    /// <summary>This silo's id (Orleans' silo name); a random one when unset.</summary>
    public string? SiloId { get; set; }

    /// <summary>
    /// <c>localhost</c>: one silo alone; <c>postgres</c>: a cluster on Orleans' ADO.NET membership in the
    /// database of <see cref="ConnectionString"/> (needs <c>--storage postgres</c>); <c>kubernetes</c>: the
    /// same in Kubernetes pods (<see cref="KubernetesHosting"/>).
    /// </summary>
    public ClusterKind Cluster { get; set; } = ClusterKind.Localhost;

    /// <summary>The IP address other silos reach this one on (cluster mode); default 127.0.0.1. A non-loopback address also makes Orleans listen on every interface.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Failure detection in cluster mode: <c>tuned</c> (seconds) or Orleans' <c>defaults</c>.</summary>
    public FailoverProfile Failover { get; set; } = FailoverProfile.Tuned;

    /// <summary>Orleans' silo-to-silo port (127.0.0.1 alone, the advertised address in a cluster); 0 picks a free port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans' gateway port for external Orleans clients; 0 picks a free port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Orleans' cluster id: silos of one cluster share it.</summary>
    public string ClusterId { get; set; } = "orleansvm";

    /// <summary>Orleans' service id: stored with grain state and reminders, so it must stay the same across restarts.</summary>
    public string ServiceId { get; set; } = "orleansvm";

    /// <summary><c>simple</c> (one line per entry) or <c>json</c> (structured, one JSON object per line).</summary>
    public string LogFormat { get; set; } = "simple";

    public SiloLimits Limits { get; set; } = new();

    /// <summary>OTLP export, traces, the dashboard (section <c>OrleansVm:Telemetry</c>).</summary>
    public Telemetry.TelemetrySettings Telemetry { get; set; } = new();
}

/// <summary>Where grain state and reminders live (<c>--storage</c>).</summary>
public enum StorageKind
{
    /// <summary>The project's SQLite provider and SQLite reminder table in the data directory (the embedded default).</summary>
    Sqlite,

    /// <summary>The project's PostgreSQL provider with Orleans' ADO.NET reminders.</summary>
    Postgres,
    /// <summary>Orleans' memory storage and in-memory reminders: lost when the silo stops (tests, demos).</summary>
    Memory,

    /// <summary>Orleans' own ADO.NET persistence and reminders on PostgreSQL (Orleans' schema), for users who already run it.</summary>
    AdoNet,
}
