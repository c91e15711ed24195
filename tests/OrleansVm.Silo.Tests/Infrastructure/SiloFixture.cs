namespace OrleansVm.Silo.Tests;

/// <summary>One in-memory silo shared by a test class; tests use their own workspace ids.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private TestSilo? _silo;

    public TestSilo Silo => _silo ?? throw new InvalidOperationException("Not started");

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync();

    public async Task DisposeAsync()
    {
        if (_silo is not null) await _silo.DisposeAsync();
    }
}
