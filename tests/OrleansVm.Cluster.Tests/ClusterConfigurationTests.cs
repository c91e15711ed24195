using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting.Kubernetes;
using OrleansVm.Silo;
using OrleansVm.Silo.Hosting;

namespace OrleansVm.Cluster.Tests;

/// <summary>Cluster flags reach the settings; a cluster that could not share its state refuses to start.</summary>
public sealed class ClusterConfigurationTests
{
    [Fact]
    public void Cluster_flags_map_to_the_settings_keys()
    {
        var values = SiloCommandLine.Parse(["--cluster", "postgres", "--advertised-address", "10.0.0.5", "--cluster-id", "c1",
            "--service-id", "s1", "--failover", "defaults"]);

        Assert.Equal("postgres", values["OrleansVm:Cluster"]);
        Assert.Equal("10.0.0.5", values["OrleansVm:AdvertisedAddress"]);
        Assert.Equal("c1", values["OrleansVm:ClusterId"]);
        Assert.Equal("s1", values["OrleansVm:ServiceId"]);
        Assert.Equal("defaults", values["OrleansVm:Failover"]);
    }

    [Fact]
    public void A_postgres_cluster_on_per_silo_sqlite_storage_is_refused()
    {
        var error = Assert.Throws<SiloConfigurationException>(() => SiloApp.Build(["--cluster", "postgres", "--storage", "sqlite", "--port", "0"]));
        Assert.Contains("--storage postgres", error.Message);
    }

    [Theory]
    [InlineData("kubernetes", true)]
    [InlineData("postgres", false)]
    public async Task Kubernetes_hosting_is_wired_only_by_cluster_kubernetes(string cluster, bool wired)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("orleansvm-k8s-config-").FullName;
        try
        {
            await using var app = SiloApp.Build(["--cluster", cluster, "--storage", "postgres", "--connection-string", "Host=127.0.0.1",
                "--port", "0", "--silo-port", "0", "--gateway-port", "0", "--data-dir", dataDirectory]);

            // Orleans' Kubernetes hosting registers a validator of its options (pod name and namespace): present only when it is used.
            Assert.Equal(wired, app.Services.GetServices<IValidateOptions<KubernetesHostingOptions>>().Any());
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void A_kubernetes_cluster_needs_shared_storage_too()
    {
        var error = Assert.Throws<SiloConfigurationException>(() => SiloApp.Build(["--cluster", "kubernetes", "--storage", "sqlite", "--port", "0"]));
        Assert.Contains("--cluster kubernetes needs --storage postgres", error.Message);
    }

    [Fact]
    public void An_advertised_address_must_be_an_ip_address()
    {
        var error = Assert.Throws<SiloConfigurationException>(() => SiloApp.Build(["--cluster", "postgres", "--storage", "postgres",
            "--connection-string", "Host=127.0.0.1", "--advertised-address", "not-an-ip", "--port", "0"]));
        Assert.Contains("not an IP address", error.Message);
    }
}
