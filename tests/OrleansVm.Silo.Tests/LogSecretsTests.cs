using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansVm.TestSupport;

namespace OrleansVm.Silo.Tests;

/// <summary>
/// No secret ever reaches a log line: a real silo logging everything from Debug up (OrleansVm at Trace) goes
/// through token creation and use, failed authentication, revocation, an event stream, a denied intent and a
/// runaway plugin; then every captured entry (message, fields, exception with its stack) is searched for the
/// secrets. The lines that must be there (with their ids) are checked too, so an empty capture cannot pass.
/// </summary>
public sealed class LogSecretsTests
{
    /// <summary>Everything from Debug up, OrleansVm from Trace: a secret hidden in a quiet line is found too.</summary>
    public static readonly string[] Verbose =
    [
        "--Logging:LogLevel:Default=Debug", "--Logging:LogLevel:OrleansVm=Trace", "--Logging:LogLevel:OrleansVm.Silo.Api=Trace",
    ];

    internal static async Task<(TestSilo Silo, LogCapture Logs)> StartAsync(IEnumerable<string> args)
    {
        var logs = new LogCapture();
        var silo = await TestSilo.StartAsync([.. Verbose, .. args], withOperatorToken: false,
            beforeStart: app => app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs));
        return (silo, logs);
    }

    internal static void AssertNoSecret(LogCapture logs, params string[] secrets)
    {
        Assert.NotEmpty(logs.Entries);
        foreach (var secret in secrets)
        {
            var leaks = logs.Entries.Where(e => e.FullText.Contains(secret, StringComparison.Ordinal)).Select(e => $"{e.Category}/{e.EventId}: {e.Message}").ToList();
            Assert.True(leaks.Count == 0, $"a secret reached {leaks.Count} log entries: {string.Join(" | ", leaks.Take(3))}");
        }
    }

    [Fact]
    public async Task Tokens_never_reach_the_log_while_auth_failures_denials_and_limits_are_logged_with_ids()
    {
        var operatorToken = "op-secret-" + Guid.NewGuid().ToString("N");
        var (silo, logs) = await StartAsync([$"--OrleansVm:OperatorToken={operatorToken}", "--event-timeout-ms", "200", "--render-timeout-ms", "200"]);
        await using var _ = silo;
        var op = silo.Client(operatorToken);
        var ws = Scenario.NewWorkspaceId("logs");
        (await op.PostAsync("api/v1/workspaces", new JsonObject { ["workspaceId"] = ws })).Expect(HttpStatusCode.Created);
        var created = (await op.PostAsync($"api/v1/workspaces/{ws}/tokens", new JsonObject())).Expect(HttpStatusCode.Created).Object;
        var token = created["token"]!.GetValue<string>();
        var tokenId = created["tokenId"]!.GetValue<string>();
        var secretPart = token[(token.LastIndexOf('_') + 1)..];

        // Used: a plugin without a write grant dispatches to a shared domain; a runaway is stopped.
        await PublishAsync(op, "writer", Plugins.SharedWriter);
        await PublishAsync(op, "runaway", Plugins.RunawayRender);
        var client = silo.Client(token);
        var writer = await CreateInstanceAsync(client, ws, "writer");
        var runaway = await CreateInstanceAsync(client, ws, "runaway");
        await using (var stream = await SseConnection.OpenAsync(client.Http, $"api/v1/workspaces/{ws}/stream", token))
        {
            var denied = (await client.PostAsync($"api/v1/workspaces/{ws}/instances/{writer}/widgets/main/events", new JsonObject { ["handler"] = "write" }))
                .Expect(HttpStatusCode.OK).Object["dispatches"]![0]!;
            Assert.Equal("denied", denied["outcome"]!.GetValue<string>());
            await stream.NextEventAsync("dispatch", TimeSpan.FromSeconds(30));
        }
        (await client.PostAsync($"api/v1/workspaces/{ws}/instances/{runaway}/widgets/main/events", new JsonObject { ["handler"] = "spin" }))
            .Expect(HttpStatusCode.UnprocessableEntity, "RUNTIME_TIMEOUT");

        // Refused: a forged client token of this workspace, garbage, a near miss of the operator token, then the revoked token.
        var forged = $"ovmc_{ws}_{tokenId}_{"forged" + Guid.NewGuid().ToString("N")}";
        var garbage = "garbage-" + Guid.NewGuid().ToString("N");
        var nearMiss = operatorToken + "x";
        foreach (var wrong in new[] { forged, garbage, nearMiss })
            (await silo.Client(wrong).GetAsync($"api/v1/workspaces/{ws}/instances")).Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        (await silo.Client(null).GetAsync($"api/v1/workspaces/{ws}/instances")).Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        (await op.DeleteAsync($"api/v1/workspaces/{ws}/tokens/{tokenId}")).Expect(HttpStatusCode.NoContent);
        (await client.GetAsync($"api/v1/workspaces/{ws}/instances")).Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        // The lines that must be there, with their ids and without the token.
        Assert.Equal(2, logs.Entries.Count(e => e.EventId.Id == 3003 && e["WorkspaceId"] == ws && e["TokenId"] == tokenId)); // forged, revoked
        Assert.Equal(2, logs.Entries.Count(e => e.EventId.Id == 3002)); // garbage, near miss
        Assert.Single(logs.Entries, e => e.EventId.Id == 3001);
        var deniedLine = Assert.Single(logs.Entries, e => e.EventId.Id == 1001 && e["InstanceId"] == writer);
        Assert.Equal(ws, deniedLine["WorkspaceId"]);
        Assert.Equal("counter-summary", deniedLine["Domain"]);
        var limitLine = Assert.Single(logs.Entries, e => e.EventId.Id == 1002 && e["InstanceId"] == runaway);
        Assert.Equal("RUNTIME_TIMEOUT", limitLine["Code"]);

        AssertNoSecret(logs, operatorToken, token, secretPart, forged, garbage, nearMiss);
    }

    private static async Task PublishAsync(ApiClient op, string packageId, string code) =>
        (await op.PutAsync($"api/v1/packages/{packageId}/versions/1.0.0", new JsonObject
        {
            ["code"] = code,
            ["manifest"] = new JsonObject { ["title"] = packageId },
        })).Expect(HttpStatusCode.Created);

    private static async Task<string> CreateInstanceAsync(ApiClient client, string ws, string packageId) =>
        (await client.PostAsync($"api/v1/workspaces/{ws}/instances", new JsonObject { ["packageId"] = packageId }))
            .Expect(HttpStatusCode.Created).Object["instanceId"]!.GetValue<string>();
}

/// <summary>The connection string's password never reaches the log: not at start (Orleans prints its options), not in use, not when the database cannot be reached.</summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class ConnectionStringLogTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task A_connection_strings_password_never_reaches_the_log()
    {
        // The test server trusts local connections: the password is sent nowhere, but it is in every option Orleans and we hold.
        var password = "pg-secret-" + Guid.NewGuid().ToString("N");
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("logs")) { Password = password }.ConnectionString;
        var operatorToken = "op-secret-" + Guid.NewGuid().ToString("N");
        var (silo, logs) = await LogSecretsTests.StartAsync(
            ["--storage", "postgres", "--connection-string", connectionString, "--init-schema", $"--OrleansVm:OperatorToken={operatorToken}"]);
        await using (silo)
        {
            var ws = Scenario.NewWorkspaceId("pglogs");
            (await silo.Client(operatorToken).PostAsync("api/v1/workspaces", new JsonObject { ["workspaceId"] = ws })).Expect(HttpStatusCode.Created);
        }
        Assert.Contains(logs.Entries, e => e.EventId.Id == 3308); // the schema was applied with that connection string
        Assert.Contains(logs.Entries, e => e.EventId.Id == 2007 && e.Message.Contains("postgres", StringComparison.Ordinal)); // and the store opened

        // A database that cannot be reached: the start fails, and its errors are logged without the password.
        var unreachable = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Port = FreePort(), Timeout = 3 }.ConnectionString;
        var failed = new LogCapture();
        var app = SiloApp.Build(["--port", "0", "--silo-port", "0", "--gateway-port", "0", "--storage", "postgres", "--connection-string", unreachable,
            "--init-schema", $"--OrleansVm:OperatorToken={operatorToken}", .. LogSecretsTests.Verbose]);
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(failed);
        await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        await app.DisposeAsync();

        LogSecretsTests.AssertNoSecret(logs, password, operatorToken);
        LogSecretsTests.AssertNoSecret(failed, password, operatorToken);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
