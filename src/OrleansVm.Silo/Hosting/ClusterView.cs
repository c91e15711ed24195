using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OrleansVm.Runtime;
using OrleansVm.Silo.Api.Models;

namespace OrleansVm.Silo.Hosting;

/// <summary>
/// The silos this one knows. The runtime has no membership table yet (single-silo placement), so the
/// view is this silo, addressed by its HTTP endpoint; the cluster issue extends it from membership.
/// </summary>
public sealed class ClusterView(ILocalSiloDetails local, IServer server, Runtime.Silo silo)
{
    public string LocalSiloId => local.Address.SiloId;

    public string LocalAddress => server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "";

    public IReadOnlyList<SiloStatus> Silos() =>
        [new SiloStatus(LocalSiloId, LocalAddress, silo.IsRunning ? "active" : "stopping")];
}
