using System.Net;
using System.Text.Json.Nodes;
using OrleansVm.Presets;
using OrleansVm.Silo.Auth;
using OrleansVm.Silo.Hosting;
using OrleansVm.TestSupport;

namespace OrleansVm.Silo.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task Start_publishes_the_presets_and_a_demo_workspace_granting_their_manifests()
    {
        await using var silo = await TestSilo.StartAsync();
        using var op = silo.Client();

        var packages = (await op.GetAsync("api/v1/packages")).Expect(HttpStatusCode.OK).Array;
        foreach (var presetId in PresetCatalog.PackageIds)
            Assert.Contains(packages, p => p!["packageId"]!.GetValue<string>() == presetId && p["latestVersion"]!.GetValue<string>() == PresetCatalog.Version);

        var grants = (await op.GetAsync("api/v1/workspaces/demo/grants")).Expect(HttpStatusCode.OK).Array;
        Assert.Equal(PresetCatalog.PackageIds.Count, grants.Count);
        foreach (var preset in PresetCatalog.LoadAll())
        {
            var grant = grants.Single(g => g!["packageId"]!.GetValue<string>() == preset.PackageId)!;
            Assert.Equal(Names(preset.Manifest["capabilities"]!["readShared"]), Names(grant["readShared"]));
            Assert.Equal(Names(preset.Manifest["capabilities"]!["writeShared"]), Names(grant["writeShared"]));
            Assert.Equal(Names(preset.Manifest["modules"]), Names(grant["modules"]));
        }
    }

    [Fact]
    public async Task A_restart_on_the_same_sqlite_data_is_idempotent_and_keeps_the_dev_token()
    {
        using var data = new TempDirectory("orleansvm-silo-restart");
        string token;
        await using (var first = await TestSilo.StartAsync(["--storage", "sqlite"], data.Path, withOperatorToken: false))
        {
            token = (await File.ReadAllTextAsync(Path.Combine(data.Path, OperatorTokenSource.DevTokenFileName))).Trim();
            (await first.Client(token).PutAsync("api/v1/workspaces/demo/grants/counter", new JsonObject())).Expect(HttpStatusCode.OK);
        }
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data.Path, OperatorTokenSource.DevTokenFileName)));

        await using var second = await TestSilo.StartAsync(["--storage", "sqlite"], data.Path, withOperatorToken: false);
        using var op = second.Client(token);

        var packages = (await op.GetAsync("api/v1/packages")).Expect(HttpStatusCode.OK).Array;
        Assert.Equal(PresetCatalog.PackageIds.Order(), packages.Select(p => p!["packageId"]!.GetValue<string>()).Order());
        // The operator's change to the demo grants survives the restart.
        var counter = (await op.GetAsync("api/v1/workspaces/demo/grants")).Expect(HttpStatusCode.OK).Array
            .Single(g => g!["packageId"]!.GetValue<string>() == "counter")!;
        Assert.Empty(counter["writeShared"]!.AsArray());
    }

    [Fact]
    public async Task No_presets_and_no_demo_workspace_when_asked()
    {
        await using var silo = await TestSilo.StartAsync(["--no-presets", "--no-demo-workspace"]);
        using var op = silo.Client();

        Assert.Empty((await op.GetAsync("api/v1/packages")).Expect(HttpStatusCode.OK).Array);
        (await op.GetAsync("api/v1/workspaces/demo/grants")).Expect(HttpStatusCode.NotFound, "WORKSPACE_NOT_FOUND");
    }

    [Fact]
    public void A_non_loopback_bind_without_an_operator_token_refuses_to_start()
    {
        using var data = new TempDirectory();

        var error = Assert.Throws<SiloConfigurationException>(() =>
            SiloApp.Build(["--urls", "http://0.0.0.0:0", "--storage", "memory", "--data-dir", data.Path]));

        Assert.Contains("ORLEANSVM_OPERATOR_TOKEN", error.Message);
        Assert.False(File.Exists(Path.Combine(data.Path, OperatorTokenSource.DevTokenFileName)));
    }

    [Fact]
    public async Task A_non_loopback_bind_with_an_operator_token_starts()
    {
        await using var silo = await TestSilo.StartAsync(["--urls", "http://0.0.0.0:0"]);

        (await silo.Client().GetAsync("api/v1/workspaces")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public void Postgres_without_a_connection_string_refuses_to_start()
    {
        using var data = new TempDirectory();

        var error = Assert.Throws<SiloConfigurationException>(() =>
            SiloApp.Build(["--port", "0", "--storage", "postgres", "--data-dir", data.Path]));

        Assert.Contains("--connection-string", error.Message);
    }

    private static string[] Names(JsonNode? node) => [.. node!.AsArray().Select(n => n!.GetValue<string>()).Order()];
}
