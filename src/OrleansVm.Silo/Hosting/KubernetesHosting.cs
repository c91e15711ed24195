using System.Net;
using Orleans.Configuration;

namespace OrleansVm.Silo.Hosting;

/// <summary>
/// <c>--cluster kubernetes</c>: the PostgreSQL membership of <c>--cluster postgres</c>, plus Orleans'
/// Kubernetes hosting. It names the silo after its pod (<c>POD_NAME</c>), advertises the pod's IP
/// (<c>POD_IP</c>), listens on every address, takes the ids from <c>ORLEANS_SERVICE_ID</c> and
/// <c>ORLEANS_CLUSTER_ID</c> (the pod's <c>orleans/serviceId</c> and <c>orleans/clusterId</c> labels,
/// see deploy/kubernetes), and declares dead the silos whose pods are gone, so a deleted pod does not
/// wait for probe-based detection. Membership itself stays in PostgreSQL.
/// </summary>
public static class KubernetesHosting
{
    public static void Apply(ISiloBuilder silo, SiloSettings settings, int siloPort, int gatewayPort)
    {
        // Ports only: Orleans' Kubernetes hosting fills the advertised address (pod IP) and the listening endpoints.
        silo.Configure<EndpointOptions>(o =>
        {
            o.SiloPort = siloPort;
            o.GatewayPort = gatewayPort;
            if (!string.IsNullOrWhiteSpace(settings.AdvertisedAddress)) o.AdvertisedIPAddress = IPAddress.Parse(settings.AdvertisedAddress);
        });
        // After ClusterRegistration's ClusterOptions: the pod's ids (from its labels) win over --cluster-id/--service-id.
        silo.UseKubernetesHosting();
    }
}
