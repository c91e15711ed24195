using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;
using Xunit;

namespace OrleansVm.TestSupport;

/// <summary>
/// One single-silo Orleans host per test class, started on first use with the storage provider a test class
/// configures, so that the provider under test is built, started and stopped by Orleans exactly as in
/// production (registration by name, silo lifecycle). Free ports, so classes can run in parallel.
/// </summary>
public sealed class GrainStorageSiloFixture : IAsyncLifetime
{
    /// <summary>The name the provider under test is registered with.</summary>
    public const string StorageName = "conformance";

    private readonly SemaphoreSlim _startGate = new(1, 1);
    private IHost? _host;

    /// <summary>A directory that lives as long as the silo (for SQLite files).</summary>
    public TempDirectory Directory { get; } = new("orleansvm-silo");

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The silo has not started.");

    /// <summary>Starts the silo (once per fixture) with <paramref name="configure"/>, and returns the provider named <see cref="StorageName"/>.</summary>
    public async Task<IGrainStorage> GetStorageAsync(Func<Task<Action<ISiloBuilder>>> configure) =>
        (await StartAsync(configure)).GetRequiredKeyedService<IGrainStorage>(StorageName);

    /// <summary>
    /// Starts the silo once with <paramref name="configure"/> and returns its services. With
    /// <paramref name="localhostClustering"/> false, <paramref name="configure"/> chooses the clustering and the
    /// fixture only sets free loopback ports.
    /// </summary>
    public async Task<IServiceProvider> StartAsync(Func<Task<Action<ISiloBuilder>>> configure, bool localhostClustering = true)
    {
        await _startGate.WaitAsync();
        try
        {
            if (_host is null)
            {
                var configureSilo = await configure();
                var built = new HostBuilder()
                    .UseOrleans(silo =>
                    {
                        if (localhostClustering)
                        {
                            silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort());
                        }
                        else
                        {
                            silo.ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort());
                        }

                        configureSilo(silo);
                    })
                    .Build();
                await built.StartAsync();
                _host = built;
            }
        }
        finally
        {
            _startGate.Release();
        }

        return _host.Services;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        Directory.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
