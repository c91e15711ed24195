using OrleansVm.TestSupport;

namespace OrleansVm.Grains.Tests;

/// <summary>Every PostgreSQL test class of this assembly shares one throwaway server.</summary>
[CollectionDefinition(PostgresServerFixture.CollectionName)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>;
