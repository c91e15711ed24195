using System.Net;
using Orleans.Configuration;

namespace OrleansVm.Silo.Hosting;

/// <summary>
/// Turns <c>--cluster</c> into Orleans' membership and endpoints: one silo alone on localhost
/// clustering, or a cluster of silos on Orleans' ADO.NET membership in the same PostgreSQL
/// database as the grain state and reminders (<c>--storage postgres</c>), optionally hosted in
/// Kubernetes pods (<see cref="ClusterKind.Kubernetes"/>).
/// </summary>
public static class ClusterRegistration
{
    /// <exception cref="SiloConfigurationException">A PostgreSQL cluster whose storage is not on PostgreSQL, or an unparsable address.</exception>
    public static void Validate(SiloSettings settings)
    {
        if (settings.Cluster == ClusterKind.Localhost) return;
        var flag = $"--cluster {settings.Cluster.ToString().ToLowerInvariant()}";
        // Every silo of a cluster must see the same state: a SQLite file or memory per silo would split it.
        if (settings.Storage is not (StorageKind.Postgres or StorageKind.AdoNet))
            throw new SiloConfigurationException($"{flag} needs --storage postgres (or adonet): every silo must share the grain state.");
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
            throw new SiloConfigurationException($"{flag} needs --connection-string (or ORLEANSVM_CONNECTION_STRING).");
        if (settings.AdvertisedAddress is { Length: > 0 } address && !IPAddress.TryParse(address, out _))
            throw new SiloConfigurationException($"--advertised-address '{address}' is not an IP address.");
    }

    public static void Apply(ISiloBuilder silo, SiloSettings settings)
    {
        var siloPort = FreePorts.Resolve(settings.SiloPort, "--silo-port");
        var gatewayPort = FreePorts.Resolve(settings.GatewayPort, "--gateway-port");
        if (settings.Cluster == ClusterKind.Localhost)
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
            return;
        }

        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = OrleansVmStorageSiloBuilderExtensions.NpgsqlInvariant;
            o.ConnectionString = settings.ConnectionString;
        });
        if (settings.Cluster == ClusterKind.Kubernetes)
        {
            KubernetesHosting.Apply(silo, settings, siloPort, gatewayPort);
        }
        else
        {
            // The advertised address is what other silos dial; listening on any address lets a container
            // or a host with several interfaces be reached on it.
            var advertised = string.IsNullOrWhiteSpace(settings.AdvertisedAddress) ? IPAddress.Loopback : IPAddress.Parse(settings.AdvertisedAddress);
            silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        }
        if (settings.Failover == FailoverProfile.Tuned) FailoverTuning.Apply(silo);
        HandoverRetryFilter.AddTo(silo.Services);
        ClusterLeaveDrain.AddTo(silo.Services);
    }
}

/// <summary>How fast a dead silo is detected (<c>--failover</c>).</summary>
public enum FailoverProfile
{
    /// <summary>Detection in a few seconds (see <see cref="FailoverTuning"/>).</summary>
    Tuned,

    /// <summary>Orleans' own defaults (kept to measure against; recovery takes up to ~32 s).</summary>
    Defaults,
}

/// <summary>Where the silo finds the other silos (<c>--cluster</c>).</summary>
public enum ClusterKind
{
    /// <summary>One silo alone: Orleans' localhost clustering, nothing shared.</summary>
    Localhost,

    /// <summary>Orleans' ADO.NET membership table in PostgreSQL.</summary>
    Postgres,

    /// <summary>PostgreSQL membership, in Kubernetes pods: Orleans' Kubernetes hosting (see <see cref="KubernetesHosting"/>).</summary>
    Kubernetes,
}
