using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OrleansVm.TestSupport;

namespace OrleansVm.Silo.Tests;

/// <summary>A real silo (Kestrel and Orleans on free loopback ports, in-memory storage unless told otherwise) for one test class or test.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    public const string OperatorToken = "test-operator-token";

    private readonly TempDirectory? _ownedDirectory;

    private TestSilo(WebApplication app, TempDirectory? ownedDirectory)
    {
        App = app;
        _ownedDirectory = ownedDirectory;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("0.0.0.0", "127.0.0.1").TrimEnd('/') + "/");
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => App.Services;

    /// <param name="args">Extra silo flags; later ones win (e.g. <c>--storage sqlite</c>).</param>
    /// <param name="dataDirectory">A data directory that outlives this silo (restarts); default: a temporary one.</param>
    /// <param name="withOperatorToken">False: dev mode (the token comes from the data directory).</param>
    /// <param name="beforeStart">Adds test-only endpoints to the built pipeline.</param>
    /// <param name="configure">Adds test-only services (e.g. a grain call filter that injects faults) before the silo is built.</param>
    public static async Task<TestSilo> StartAsync(
        IEnumerable<string>? args = null, string? dataDirectory = null, bool withOperatorToken = true, Action<WebApplication>? beforeStart = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var owned = dataDirectory is null ? new TempDirectory("orleansvm-silo-test") : null;
        List<string> all =
        [
            // Port 0 everywhere: Kestrel and Orleans' silo and gateway endpoints on free ports, so silos never collide.
            "--port", "0", "--silo-port", "0", "--gateway-port", "0", "--storage", "memory", "--data-dir", dataDirectory ?? owned!.Path,
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:OrleansVm.Silo.Api=Critical",
        ];
        if (withOperatorToken) all.Add($"--OrleansVm:OperatorToken={OperatorToken}");
        all.AddRange(args ?? []);

        var app = SiloApp.Build(all, configure);
        beforeStart?.Invoke(app);
        await app.StartAsync();
        return new TestSilo(app, owned);
    }

    public ApiClient Client(string? token = OperatorToken) => new(new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) }, token);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _ownedDirectory?.Dispose();
    }
}
