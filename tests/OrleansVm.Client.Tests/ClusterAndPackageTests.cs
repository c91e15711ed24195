using System.Net;
using OrleansVm.Client.Models;
using OrleansVm.Silo.Tests;

namespace OrleansVm.Client.Tests;

public sealed class ClusterAndPackageTests(ClientSiloFixture fixture) : IClassFixture<ClientSiloFixture>
{
    [Fact]
    public async Task Health_and_modules()
    {
        using var client = fixture.Client();

        var health = await client.GetHealthAsync();
        var modules = await client.ListModulesAsync();

        Assert.Equal("ok", health.Status);
        Assert.Equal(health.SiloId, Assert.Single(health.Silos).SiloId);
        Assert.Equal(["crypto", "kv", "time"], modules.Select(m => m.Name).Order());
    }

    [Fact]
    public async Task Publish_list_get_and_get_version()
    {
        using var client = fixture.Client();
        var packageId = ClientSiloFixture.NewId("sdk");
        var request = new PublishPackageRequest(Plugins.Echo, new PackageManifest("Echo", "Says it", new Capabilities(["greeter-profile"], []), ["time"]));

        var created = await client.PublishPackageAsync(packageId, "1.0.0", request);
        var again = await client.PublishPackageAsync(packageId, "1.0.0", request);
        var list = await client.ListPackagesAsync();
        var details = await client.GetPackageAsync(packageId);
        var version = await client.GetPackageVersionAsync(packageId, "1.0.0");

        Assert.True(created.Created);
        Assert.False(again.Created);
        Assert.Equal(["main"], created.Widgets);
        Assert.Contains(list, p => p.PackageId == packageId && p.LatestVersion == "1.0.0");
        Assert.Equal("Echo", details.Title);
        Assert.Equal("1.0.0", Assert.Single(details.Versions).Version);
        Assert.Equal(Plugins.Echo, version.Code);
        Assert.Equal(["time"], version.Manifest.Modules);
    }

    [Fact]
    public async Task Errors_carry_status_code_message_and_details()
    {
        using var client = fixture.Client();

        var validation = await Assert.ThrowsAsync<OrleansVmApiException>(() => client.GetPackageAsync("Not_Valid"));
        var missing = await Assert.ThrowsAsync<OrleansVmApiException>(() => client.GetPackageAsync("no-such-package"));
        var load = await Assert.ThrowsAsync<OrleansVmApiException>(() =>
            client.PublishPackageAsync(ClientSiloFixture.NewId("bad"), "1.0.0", new PublishPackageRequest(Plugins.DoesNotLoad, new PackageManifest(null, null, null, null))));

        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_ERROR"), (validation.Status, validation.Code));
        Assert.Equal("packageId", validation.Details!["field"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.NotFound, "PACKAGE_NOT_FOUND"), (missing.Status, missing.Code));
        Assert.Equal(((HttpStatusCode)422, "PLUGIN_LOAD_ERROR"), (load.Status, load.Code));
        Assert.False(string.IsNullOrWhiteSpace(load.Message));
    }

    [Fact]
    public async Task Auth_errors_are_typed()
    {
        using var anonymous = fixture.Client(token: null);
        using var wrong = fixture.Client("wrong");

        var noToken = await Assert.ThrowsAsync<OrleansVmApiException>(() => anonymous.ListPackagesAsync());
        var badToken = await Assert.ThrowsAsync<OrleansVmApiException>(() => wrong.ListWorkspacesAsync());

        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), (noToken.Status, noToken.Code));
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), (badToken.Status, badToken.Code));
    }

    [Fact]
    public async Task An_unreachable_silo_is_a_network_error()
    {
        using var client = new OrleansVmClient(new OrleansVmClientOptions { BaseAddress = new Uri("http://127.0.0.1:1/") });

        var error = await Assert.ThrowsAsync<OrleansVmApiException>(() => client.GetHealthAsync());

        Assert.Equal(("NETWORK_ERROR", (HttpStatusCode)0), (error.Code, error.Status));
    }

    [Fact]
    public async Task A_silo_that_never_answers_is_a_network_error_after_the_http_timeout()
    {
        using var silent = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0); // accepts connections, never answers
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMilliseconds(300) };
        using var client = new OrleansVmClient(http);

        var error = await Assert.ThrowsAsync<OrleansVmApiException>(() => client.GetHealthAsync());

        Assert.Equal(("NETWORK_ERROR", (HttpStatusCode)0), (error.Code, error.Status));
        Assert.Contains("timed out", error.Message);
    }

    [Fact]
    public async Task Calls_honour_cancellation()
    {
        using var client = fixture.Client();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListPackagesAsync(cancelled.Token));
    }
}
