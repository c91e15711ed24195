using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OrleansVm.Silo.Auth;
using OrleansVm.Silo.Hosting;

namespace OrleansVm.Silo.Startup;

/// <summary>Once Kestrel listens: where the API is, and in dev mode the operator token and the playground link that carries it.</summary>
public sealed class StartupBanner(
    IHostApplicationLifetime lifetime, IServer server, OperatorToken token, IOptions<SiloSettings> settings,
    PlaygroundFiles playground, ClusterView cluster, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var address = (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "").TrimEnd('/');
        logger.Serving(cluster.LocalSiloId, address, settings.Value.Storage.ToString());
        if (playground.Root is null)
            logger.NoPlayground();
        if (!token.IsDevMode) return;

        var workspace = string.IsNullOrWhiteSpace(settings.Value.DemoWorkspace) ? "" : $"&workspace={settings.Value.DemoWorkspace}";
        logger.DevOperatorToken(token.Value);
        logger.PlaygroundLink($"{address}/#token={token.Value}{workspace}");
    }
}
