using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ApiSiloStatus = OrleansVm.Silo.Api.Models.SiloStatus;

namespace OrleansVm.Silo.Hosting;

/// <summary>
/// The silos of the cluster, from Orleans' membership. This silo is addressed by its HTTP endpoint;
/// membership does not carry the HTTP endpoints of the others, so they are shown by their Orleans
/// silo endpoint until the cluster issue publishes them.
/// </summary>
public sealed class ClusterView(ILocalSiloDetails local, IClusterMembershipService membership, IServer server, IHostApplicationLifetime lifetime)
{
    public string LocalSiloId => local.Name;

    public string LocalAddress => server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "";

    public IReadOnlyList<ApiSiloStatus> Silos() =>
    [
        .. membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status != SiloStatus.Dead)
            .OrderBy(member => member.Name, StringComparer.Ordinal)
            .Select(Describe),
    ];

    private ApiSiloStatus Describe(ClusterMember member)
    {
        var isLocal = member.SiloAddress.Equals(local.SiloAddress);
        var address = isLocal ? LocalAddress : member.SiloAddress.Endpoint.ToString();
        // Kestrel drains requests before the silo leaves membership: say "stopping" as soon as the stop begins.
        var status = isLocal && lifetime.ApplicationStopping.IsCancellationRequested ? "stopping" : StatusOf(member.Status);
        return new ApiSiloStatus(member.Name, address, status);
    }

    private static string StatusOf(SiloStatus status) => status switch
    {
        SiloStatus.Active => "active",
        SiloStatus.ShuttingDown or SiloStatus.Stopping => "stopping",
        _ => "joining",
    };
}
