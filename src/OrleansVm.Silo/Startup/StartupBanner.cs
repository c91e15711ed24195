using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        logger.LogInformation("Silo {SiloId} serving the API at {Address}/api/v1 (storage {Storage})", cluster.LocalSiloId, address, settings.Value.Storage);
        if (playground.Root is null)
            logger.LogWarning("No built web playground found; run `npm ci && npm run build` in src/OrleansVm.Playground or set OrleansVm:PlaygroundPath");
        if (!token.IsDevMode) return;

        var workspace = string.IsNullOrWhiteSpace(settings.Value.DemoWorkspace) ? "" : $"&workspace={settings.Value.DemoWorkspace}";
        logger.LogInformation("Dev mode operator token: {OperatorToken}", token.Value);
        logger.LogInformation("Playground: {PlaygroundUrl}", $"{address}/#token={token.Value}{workspace}");
    }
}
