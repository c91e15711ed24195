using OrleansVm.Sandbox;

namespace OrleansVm.Grains;

/// <summary>Settings of the plugin grains, given to <see cref="OrleansVmSiloBuilderExtensions.AddOrleansVm"/>.</summary>
public sealed class OrleansVmOptions
{
    /// <summary>The sandbox limits of every plugin and custom domain (the spec's defaults unless lowered).</summary>
    public SandboxLimits Limits { get; set; } = SandboxLimits.Default;

    /// <summary>How many parsed package versions a silo keeps (they are shared by all instances of a version).</summary>
    public int ProgramCacheCapacity { get; set; } = 256;

    /// <summary>How often an instance retries the shared intents left in its outbox.</summary>
    public TimeSpan OutboxRetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Period of the reminder an instance keeps while its outbox may hold undelivered intents (the
    /// crash safety net; timers do the quick retries). Orleans' reminder minimum applies (1 minute
    /// unless <c>ReminderOptions.MinimumReminderPeriod</c> is lowered, as tests do).
    /// </summary>
    public TimeSpan OutboxReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after a console line an instance saves its log (lines of the last period may be lost in a crash).</summary>
    public TimeSpan LogFlushPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Where grain state goes (<see cref="OrleansVmStorage.ProviderName"/>): Orleans' memory storage unless changed.</summary>
    public OrleansVmStorageKind Storage { get; set; } = OrleansVmStorageKind.Memory;

    /// <summary>Where reminders go: Orleans' in-memory reminder table unless changed.</summary>
    public OrleansVmReminderKind Reminders { get; set; } = OrleansVmReminderKind.Memory;

    /// <summary>Where <see cref="OrleansVmStorageKind.Sqlite"/> and <see cref="OrleansVmReminderKind.Sqlite"/> keep their file.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The PostgreSQL connection string of <see cref="OrleansVmStorageKind.Postgres"/>, <see cref="OrleansVmStorageKind.AdoNet"/> and <see cref="OrleansVmReminderKind.Postgres"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>State and reminders in one SQLite file under <paramref name="dataDirectory"/> (the embedded default).</summary>
    public OrleansVmOptions UseSqlite(string dataDirectory)
    {
        DataDirectory = dataDirectory;
        Storage = OrleansVmStorageKind.Sqlite;
        Reminders = OrleansVmReminderKind.Sqlite;
        return this;
    }

    /// <summary>
    /// State (the project's provider, or Orleans' ADO.NET one when <paramref name="adoNetStorage"/>) and reminders on
    /// PostgreSQL. The schema must exist: <c>OrleansVmPostgresSchema.EnsureAsync</c> (the silo's <c>--init-schema</c>).
    /// </summary>
    public OrleansVmOptions UsePostgres(string connectionString, bool adoNetStorage = false)
    {
        ConnectionString = connectionString;
        Storage = adoNetStorage ? OrleansVmStorageKind.AdoNet : OrleansVmStorageKind.Postgres;
        Reminders = OrleansVmReminderKind.Postgres;
        return this;
    }

    /// <summary>Publish the preset plugins (counter, greeter, ...) when the silo starts.</summary>
    public bool PublishPresets { get; set; }

    /// <summary>How long an instance waits for a domain to acknowledge a dispatch before leaving it `pending`.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Instances per stored page of a workspace's registry: a creation rewrites one page of at most this many.</summary>
    public int RegistryPageSize { get; set; } = 256;

    /// <summary>
    /// How many instances one workspace may hold (issue 12: every instance may keep up to a sandbox's worth of
    /// globals alive between calls, so the count bounds what one tenant's token can pin in memory). Creating one
    /// more is 409 QUOTA_EXCEEDED; removing one frees its slot.
    /// </summary>
    public int MaxInstancesPerWorkspace { get; set; } = 1000;

    /// <summary>How often a workspace's activity (metrics, timeline) is saved when it changed.</summary>
    public TimeSpan ActivityFlushPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many sandbox executions (load, render, event) may run at once on the silo (<see cref="SandboxGate"/>);
    /// 0 or less = <see cref="Environment.ProcessorCount"/>. Calls beyond it wait before their wall-clock budget starts.
    /// </summary>
    public int MaxConcurrentSandboxCalls { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// How many of those one workspace may run at once; 0 or less = half of them (at least 1), so a
    /// workspace flooding runaway code leaves the other half of the silo's sandbox slots to the others.
    /// </summary>
    public int MaxConcurrentSandboxCallsPerWorkspace { get; set; }

    /// <summary>
    /// How many sandbox calls of one workspace may wait for a slot at most; one more fails at once with
    /// OVERLOADED (HTTP 429, Retry-After) rather than waiting. A backstop for a workspace's first burst
    /// (before its call times are known); <see cref="MaxSandboxQueueWait"/> is the bound that usually applies.
    /// </summary>
    public int MaxQueuedSandboxCallsPerWorkspace { get; set; } = 128;

    /// <summary>
    /// The longest expected wait for a sandbox slot (queued calls × the workspace's recent call time ÷ its
    /// share) a call accepts before OVERLOADED: 2 s ≈ 20 runaway calls of 100 ms on a 1-slot share, or
    /// thousands of 1 ms events — never the silent 10 s of issue 12.
    /// </summary>
    public TimeSpan MaxSandboxQueueWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Journal slots of a built-in domain (issue 14): its batches are written as entries into this many records and the
    /// snapshot is rewritten at the latest when they are all in use. Changing it is safe across restarts (the snapshot
    /// records the count it was written with; the next activation compacts to the new one). 0: no journal, the whole
    /// state per batch (the baseline the benchmark compares with).
    /// </summary>
    public int DomainJournalSlots { get; set; } = 1024;

    /// <summary>A built-in domain's snapshot is rewritten once its journal carries this many changes, or as many as the snapshot has entries if more.</summary>
    public int DomainCompactionMinChanges { get; set; } = 4096;

    /// <summary>
    /// What all plugin sandboxes of the silo may keep between calls, in bytes, counted by their upper bounds
    /// (<see cref="SandboxMemory"/>): while they account for more and the managed heap is over it too, the least
    /// recently used sandboxes are dropped (their instances reload on their next call). 0 or less = a quarter of
    /// the memory the GC may use (machine or container), at least 256 MiB. One sandbox's bound is
    /// <see cref="SandboxLimits.MaxKeptBytes"/> in <see cref="Limits"/>.
    /// </summary>
    public long SandboxMemoryBudget { get; set; }

    /// <summary>
    /// What one workspace's sandboxes on a silo may keep, in bytes (same accounting): when the budget is exceeded,
    /// the sandboxes of workspaces over this go first (least recently used first), before anyone else's.
    /// 0 or less = a quarter of <see cref="SandboxMemoryBudget"/>, at least 64 MiB.
    /// </summary>
    public long SandboxMemoryPerWorkspace { get; set; }
}
