using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OrleansVm.Silo.Hosting;

namespace OrleansVm.Silo.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void Flags_map_to_configuration_keys()
    {
        var values = SiloCommandLine.Parse(["--port", "6000", "--storage=postgres", "--init-schema", "--enable-bench-endpoints", "--data-dir", "/tmp/x", "--Logging:LogLevel:Default=Debug"]);

        Assert.Equal("6000", values["OrleansVm:Port"]);
        Assert.Equal("postgres", values["OrleansVm:Storage"]);
        Assert.Equal("true", values["OrleansVm:InitSchema"]);
        Assert.Equal("true", values["OrleansVm:EnableBenchEndpoints"]);
        Assert.Equal("/tmp/x", values["OrleansVm:DataDir"]);
        Assert.Equal("Debug", values["Logging:LogLevel:Default"]);
    }

    [Fact]
    public void Orleans_port_flags_map_to_configuration_keys()
    {
        var values = SiloCommandLine.Parse(["--silo-port", "11112", "--gateway-port=0", "--storage", "adonet"]);

        Assert.Equal("11112", values["OrleansVm:SiloPort"]);
        Assert.Equal("0", values["OrleansVm:GatewayPort"]);
        Assert.Equal("adonet", values["OrleansVm:Storage"]);
    }

    [Fact]
    public void Adonet_storage_without_a_connection_string_refuses_to_build()
    {
        var error = Assert.Throws<SiloConfigurationException>(() => SiloApp.Build(["--port", "0", "--storage", "adonet", "--OrleansVm:OperatorToken=t"]));

        Assert.Contains("--connection-string", error.Message);
    }

    [Theory]
    [InlineData("--silo-port", "70000")]
    [InlineData("--gateway-port", "-1")]
    public void Orleans_ports_out_of_range_are_refused(string flag, string value)
    {
        var error = Assert.Throws<SiloConfigurationException>(() => SiloApp.Build(["--port", "0", "--storage", "memory", flag, value, "--OrleansVm:OperatorToken=t"]));

        Assert.Contains(flag, error.Message);
    }

    [Theory]
    [InlineData("--silo-port")]
    [InlineData("--gateway-port")]
    public void An_orleans_port_in_use_is_refused_with_the_flag_to_change(string flag)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var error = Assert.Throws<SiloConfigurationException>(() =>
            SiloApp.Build(["--port", "0", "--storage", "memory", "--silo-port", "0", "--gateway-port", "0", flag, port, "--OrleansVm:OperatorToken=t"]));

        Assert.Contains(flag, error.Message);
        Assert.Contains(port, error.Message);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--port")]
    [InlineData("positional")]
    public void Unknown_or_incomplete_flags_are_refused(string arg)
    {
        Assert.Throws<SiloConfigurationException>(() => SiloCommandLine.Parse([arg]));
    }

    [Fact]
    public void Environment_variables_map_to_the_orleansvm_section()
    {
        var values = OrleansVmEnvironmentVariables.Read(new Hashtable
        {
            ["ORLEANSVM_OPERATOR_TOKEN"] = "secret",
            ["ORLEANSVM_LIMITS__RENDER_TIMEOUT_MS"] = "250",
            ["PATH"] = "/bin",
        });

        Assert.Equal("secret", values["OrleansVm:OPERATORTOKEN"]);
        Assert.Equal("250", values["OrleansVm:LIMITS:RENDERTIMEOUTMS"]);
        Assert.Equal(2, values.Count);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://10.1.2.3:5080", false)]
    public void Loopback_binds_are_recognized(string url, bool loopback)
    {
        Assert.Equal(loopback, BindAddresses.IsLoopback(url));
    }
}
