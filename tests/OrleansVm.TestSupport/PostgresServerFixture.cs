using Xunit;

namespace OrleansVm.TestSupport;

/// <summary>
/// One <see cref="PostgresServer"/> for every test class of a collection. A test assembly declares
/// <c>[CollectionDefinition(PostgresServerFixture.CollectionName)] public sealed class PostgresCollection : ICollectionFixture&lt;PostgresServerFixture&gt;;</c>
/// and marks its PostgreSQL test classes <c>[Collection(PostgresServerFixture.CollectionName)]</c>.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    public const string CollectionName = "postgres";

    private PostgresServer? _server;
    private int _databaseCounter;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    /// <summary>A fresh, empty database on the shared server, so test classes do not see each other's rows.</summary>
    public Task<string> CreateDatabaseAsync(string prefix = "test") =>
        Server.CreateDatabaseAsync($"{prefix}_{Interlocked.Increment(ref _databaseCounter)}");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
