namespace OrleansVm.Grains;

/// <summary>The storage provider every OrleansVm grain's <c>[PersistentState]</c> names.</summary>
public static class OrleansVmStorage
{
    /// <summary>
    /// The provider name: register an <c>IGrainStorage</c> under it (AddOrleansVm does, unless
    /// <see cref="OrleansVmStorageKind.External"/>). Stored with nothing: changing it only moves where grains look.
    /// </summary>
    public const string ProviderName = "orleansvm";
}

/// <summary>Which grain storage <see cref="OrleansVmSiloBuilderExtensions.AddOrleansVm"/> registers under <see cref="OrleansVmStorage.ProviderName"/>.</summary>
public enum OrleansVmStorageKind
{
    /// <summary>Orleans' memory storage with the project's JSON serializer (tests, demos): lost when the cluster stops.</summary>
    Memory,

    /// <summary>The project's SQLite provider in <see cref="OrleansVmOptions.DataDirectory"/> (embedded single-silo default).</summary>
    Sqlite,

    /// <summary>The project's PostgreSQL provider on <see cref="OrleansVmOptions.ConnectionString"/> (clusters, group commit).</summary>
    Postgres,

    /// <summary>Orleans' ADO.NET provider on PostgreSQL (<see cref="OrleansVmOptions.ConnectionString"/>), for users who run Orleans' schema.</summary>
    AdoNet,

    /// <summary>None: the host registers its own provider under <see cref="OrleansVmStorage.ProviderName"/> (SQLite, PostgreSQL, ADO.NET, ...).</summary>
    External,
}

/// <summary>Which reminder service <see cref="OrleansVmSiloBuilderExtensions.AddOrleansVm"/> registers (instances need one for their outbox).</summary>
public enum OrleansVmReminderKind
{
    /// <summary>Orleans' in-memory reminder table: reminders do not survive a cluster restart.</summary>
    Memory,

    /// <summary>The project's SQLite reminder table, in the grain-state file of <see cref="OrleansVmOptions.DataDirectory"/>.</summary>
    Sqlite,

    /// <summary>Orleans' ADO.NET reminders on PostgreSQL (<see cref="OrleansVmOptions.ConnectionString"/>; schema from OrleansVmPostgresSchema).</summary>
    Postgres,

    /// <summary>None: the host registers its own reminder service (<c>UseAdoNetReminderService</c>, SQLite, ...).</summary>
    External,
}
