using OrleansVm.Silo.Tests;

namespace OrleansVm.Cli.Tests;

/// <summary>One real silo for the cluster-command tests, and the flags that point the CLI at it.</summary>
public sealed class CliSiloFixture : IAsyncLifetime
{
    private TestSilo? _silo;

    public TestSilo Silo => _silo ?? throw new InvalidOperationException("Not started");

    public string Url => Silo.BaseAddress.ToString();

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync();

    public async Task DisposeAsync()
    {
        if (_silo is not null) await _silo.DisposeAsync();
    }

    /// <summary>Runs the CLI against this silo with the operator token (or <paramref name="token"/>).</summary>
    internal Task<CliResult> RunAsync(string? token, params string[] args) =>
        Cli.RunAsync([.. args, "--url", Url, "--token", token ?? TestSilo.OperatorToken]);

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 11)];
}
