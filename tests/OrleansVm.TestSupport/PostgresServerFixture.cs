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

    private PostgresServer? server;
    private int databaseCounter;

    public PostgresServer Server => server ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    /// <summary>A fresh, empty database on the shared server, so test classes do not see each other's rows.</summary>
    public Task<string> CreateDatabaseAsync(string prefix = "test") =>
        Server.CreateDatabaseAsync($"{prefix}_{Interlocked.Increment(ref databaseCounter)}");

    public async Task InitializeAsync() => server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
