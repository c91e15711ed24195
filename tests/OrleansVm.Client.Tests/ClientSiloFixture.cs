using OrleansVm.Silo.Tests;

namespace OrleansVm.Client.Tests;

/// <summary>One real silo for a test class, and SDK clients for it.</summary>
public sealed class ClientSiloFixture : IAsyncLifetime
{
    private TestSilo? _silo;

    public TestSilo Silo => _silo ?? throw new InvalidOperationException("Not started");

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(["--stream-keep-alive-seconds", "1"]);

    public async Task DisposeAsync()
    {
        if (_silo is not null) await _silo.DisposeAsync();
    }

    public OrleansVmClient Client(string? token = TestSilo.OperatorToken) =>
        new(new OrleansVmClientOptions { BaseAddress = Silo.BaseAddress, Token = token, StreamReconnectDelay = TimeSpan.FromMilliseconds(50) });

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 11)];
}
