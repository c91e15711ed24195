using OrleansVm.TestSupport;
using Xunit.Abstractions;

namespace OrleansVm.Storage.Tests.Crash;

/// <summary>
/// Kill -9 of a process writing to PostgreSQL through the provider (its open transactions die with their
/// connections); in some runs the server is then crashed too (immediate stop, WAL replay on restart).
/// Afterwards no acknowledged write may be missing and no record torn.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresCrashTests(PostgresServerFixture postgres, ITestOutputHelper output)
{
    private const int Writers = 48;
    private const int KeysPerWriter = 4;

    [Theory]
    [InlineData(1, true, false, 300)]
    [InlineData(2, true, true, 900)]
    [InlineData(3, true, true, 2000)]
    [InlineData(4, false, true, 400)]
    public async Task Every_acknowledged_write_survives_a_sigkill(int run, bool groupCommit, bool crashServerToo, int acksBeforeKill)
    {
        var connectionString = await postgres.CreateDatabaseAsync($"crash_{run}");

        var acks = await CrashWriterProcess.RunAndKillAsync(
            ["--provider", "postgres", "--connection", connectionString, "--writers", $"{Writers}", "--keys-per-writer", $"{KeysPerWriter}",
             "--group-commit", groupCommit ? "on" : "off"],
            acksBeforeKill);
        if (crashServerToo)
        {
            await postgres.Server.CrashAndRestartAsync();
        }

        await using var storage = CrashVerifier.OverStore(new PostgresGrainStateStore(new PostgresGrainStorageOptions { ConnectionString = connectionString }));
        var report = await CrashVerifier.VerifyAsync(storage, acks, Writers, KeysPerWriter);
        Assert.True(report.Acknowledgements >= acksBeforeKill);
        output.WriteLine($"run {run}, group commit {groupCommit}, server crashed {crashServerToo}: {report}");
    }
}
