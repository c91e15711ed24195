using System.Reflection;

namespace OrleansVm.Storage.Tests.Schema;

/// <summary>The scripts in deploy/sql are the single source of truth: what the initializer runs is exactly them.</summary>
public sealed class SchemaScriptTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void The_record_store_initializer_runs_exactly_the_grain_state_scripts_under_deploy_sql(string dialect)
    {
        var onDisk = ScriptsOnDisk(dialect).Where(script => script.Item1.Contains("grain_state", StringComparison.Ordinal)).ToList();

        var initializer = dialect == "sqlite"
            ? GrainStateSchemaInitializer.ForSqlite("Data Source=unused.db")
            : GrainStateSchemaInitializer.ForPostgres(Npgsql.NpgsqlDataSource.Create("Host=unused"));

        Assert.NotEmpty(onDisk);
        Assert.Equal(onDisk, initializer.Scripts);
    }

    [Fact]
    public void The_postgres_schema_initializer_runs_every_script_under_deploy_sql_postgres_in_name_order()
    {
        var onDisk = ScriptsOnDisk("postgres");

        Assert.Contains(onDisk, script => script.Item1.Contains("orleans_persistence", StringComparison.Ordinal));
        Assert.Equal(onDisk, OrleansVmPostgresSchema.Scripts);
    }

    private static List<(string, string)> ScriptsOnDisk(string dialect) =>
        Directory.GetFiles(Path.Combine(FindRepositoryRoot(), "deploy", "sql", dialect), "*.sql").Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path))).ToList();

    [Fact]
    public void A_configured_table_name_replaces_the_default_one_in_the_scripts()
    {
        var scripts = GrainStateSchemaInitializer.ForSqlite("Data Source=unused.db", "my_states").Scripts;

        Assert.Contains(scripts, script => script.Sql.Contains("CREATE TABLE IF NOT EXISTS my_states", StringComparison.Ordinal));
        Assert.DoesNotContain(scripts, script => script.Sql.Contains("grain_state ", StringComparison.Ordinal));
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansVm.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"OrleansVm.sln not found above {Assembly.GetExecutingAssembly().Location}.");
    }
}
