using System.Collections;
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
