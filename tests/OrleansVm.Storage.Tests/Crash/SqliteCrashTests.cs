using Microsoft.Data.Sqlite;
using OrleansVm.TestSupport;
using Xunit.Abstractions;

namespace OrleansVm.Storage.Tests.Crash;

/// <summary>
/// Kill -9 of a process writing to SQLite through the provider, then reopen: no acknowledged write lost,
/// nothing torn, the file passes SQLite's integrity check. (Process death, not power loss: the OS page
/// cache survives a SIGKILL; synchronous=FULL is what covers power loss.)
/// </summary>
public sealed class SqliteCrashTests(ITestOutputHelper output)
{
    private const int Writers = 48;
    private const int KeysPerWriter = 4;

    [Theory]
    [InlineData(1, true, 300)]
    [InlineData(2, true, 900)]
    [InlineData(3, true, 2000)]
    [InlineData(4, false, 400)]
    public async Task Every_acknowledged_write_survives_a_sigkill(int run, bool groupCommit, int acksBeforeKill)
    {
        using var directory = new TempDirectory("orleansvm-crash");
        var databasePath = directory.Combine("state.db");

        var acks = await CrashWriterProcess.RunAndKillAsync(
            ["--provider", "sqlite", "--database", databasePath, "--writers", $"{Writers}", "--keys-per-writer", $"{KeysPerWriter}",
             "--group-commit", groupCommit ? "on" : "off"],
            acksBeforeKill);

        Assert.True(File.Exists(databasePath + "-wal"), "the kill should leave a WAL to recover");
        await using var storage = CrashVerifier.OverStore(new SqliteGrainStateStore(new SqliteGrainStorageOptions { DatabasePath = databasePath }));
        var report = await CrashVerifier.VerifyAsync(storage, acks, Writers, KeysPerWriter);
        Assert.Equal("ok", await IntegrityCheckAsync(databasePath));
        Assert.True(report.Acknowledgements >= acksBeforeKill);
        output.WriteLine($"run {run}, group commit {groupCommit}: {report}");
    }

    private static async Task<string?> IntegrityCheckAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string?)await command.ExecuteScalarAsync();
    }
}
