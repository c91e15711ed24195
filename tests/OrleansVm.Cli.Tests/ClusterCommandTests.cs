namespace OrleansVm.Cli.Tests;

/// <summary>
/// cli.md, "Against a cluster": an operator sets a workspace up and a plugin author goes from a
/// file to a running instance, all through <c>orleansvm</c> against a real silo.
/// </summary>
public sealed class ClusterCommandTests(CliSiloFixture silo) : IClassFixture<CliSiloFixture>
{
    [Fact]
    public async Task A_preset_file_is_published_then_driven_by_events_without_curl()
    {
        var ws = CliSiloFixture.NewId("cli");
        var packageId = CliSiloFixture.NewId("counter");
        (await silo.RunAsync(null, "workspace", "create", ws)).AssertExit(0);
        var token = await silo.RunAsync(null, "token", "create", ws, "--json");
        token.AssertExit(0);
        var clientToken = token.Json["token"]!.GetValue<string>();

        // counter.manifest.json next to the file is picked up: the grant below matters only if the manifest asked for it.
        var published = await silo.RunAsync(null, "package", "publish", RepoPaths.Preset("counter"), "--id", packageId, "--version", "1.0.0");
        published.AssertExit(0);
        Assert.Contains($"{packageId} 1.0.0 published", published.Stdout);
        (await silo.RunAsync(null, "workspace", "grant", ws, packageId, "--read", "counter-summary", "--write", "counter-summary")).AssertExit(0);

        var created = await silo.RunAsync(clientToken, "instance", "create", packageId, "-w", ws, "--json");
        created.AssertExit(0);
        var instanceId = created.Json["instanceId"]!.GetValue<string>();
        Assert.Equal(["counter-summary"], created.Json["grants"]!["writeShared"]!.AsArray().Select(n => n!.GetValue<string>()));

        var first = await silo.RunAsync(clientToken, "instance", "event", instanceId, "increment", "-w", ws);
        var second = await silo.RunAsync(clientToken, "instance", "event", instanceId, "increment", "-w", ws, "--json");
        var rendered = await silo.RunAsync(clientToken, "instance", "render", instanceId, "-w", ws);
        var listed = await silo.RunAsync(clientToken, "instance", "list", "-w", ws);

        first.AssertExit(0);
        Assert.Contains("applied: plugin increment", first.Stdout);
        Assert.Contains("applied: shared set-instance on counter-summary", first.Stdout);
        Assert.Contains("state: {\"value\":1}", first.Stdout);
        second.AssertExit(0);
        Assert.Equal(2, second.Json["state"]!["value"]!.GetValue<int>());
        rendered.AssertExit(0);
        Assert.Contains("text \"Counter: 2\"", rendered.Stdout);
        Assert.Contains("button \"Increment\" onClick→increment", rendered.Stdout);
        Assert.Contains(instanceId, listed.Stdout);

        (await silo.RunAsync(clientToken, "instance", "delete", instanceId, "-w", ws)).AssertExit(0);
        var gone = await silo.RunAsync(clientToken, "instance", "render", instanceId, "-w", ws, "--widget", "counter");
        gone.AssertExit(1);
        Assert.StartsWith("error: INSTANCE_NOT_FOUND: ", gone.Stderr);
        Assert.Equal("", gone.Stdout);
    }

    [Fact]
    public async Task Publishing_the_same_content_again_is_fine_and_other_content_under_the_version_is_the_APIs_conflict()
    {
        var packageId = CliSiloFixture.NewId("greeter");
        var file = RepoPaths.Preset("greeter");

        (await silo.RunAsync(null, "package", "publish", file, "--id", packageId, "--version", "1.0.0")).AssertExit(0);
        var again = await silo.RunAsync(null, "package", "publish", file, "--id", packageId, "--version", "1.0.0", "--json");
        var other = await silo.RunAsync(null, "package", "publish", RepoPaths.Preset("counter"), "--id", packageId, "--version", "1.0.0", "--json");

        again.AssertExit(0);
        Assert.Equal(packageId, again.Json["packageId"]!.GetValue<string>());
        other.AssertExit(1);
        Assert.Equal("PACKAGE_VERSION_EXISTS", other.Json["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_token_on_an_operator_command_gets_the_APIs_code_and_exit_1()
    {
        var ws = CliSiloFixture.NewId("cli");
        (await silo.RunAsync(null, "workspace", "create", ws)).AssertExit(0);
        var clientToken = (await silo.RunAsync(null, "token", "create", ws, "--json")).Json["token"]!.GetValue<string>();

        var denied = await silo.RunAsync(clientToken, "workspace", "list");
        var exists = await silo.RunAsync(null, "workspace", "create", ws, "--json");

        denied.AssertExit(1);
        Assert.StartsWith("error: FORBIDDEN: ", denied.Stderr);
        exists.AssertExit(1);
        Assert.Equal("WORKSPACE_EXISTS", exists.Json["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_revoked_token_no_longer_works()
    {
        var ws = CliSiloFixture.NewId("cli");
        (await silo.RunAsync(null, "workspace", "create", ws)).AssertExit(0);
        var token = (await silo.RunAsync(null, "token", "create", ws, "--json")).Json;

        (await silo.RunAsync(null, "token", "revoke", ws, token["tokenId"]!.GetValue<string>())).AssertExit(0);
        var after = await silo.RunAsync(token["token"]!.GetValue<string>(), "instance", "list", "-w", ws);

        after.AssertExit(1);
        Assert.StartsWith("error: UNAUTHORIZED: ", after.Stderr);
    }

    [Fact]
    public async Task The_url_and_token_come_from_the_environment_when_not_given()
    {
        var ws = CliSiloFixture.NewId("cli");
        Environment.SetEnvironmentVariable("ORLEANSVM_URL", silo.Url);
        Environment.SetEnvironmentVariable("ORLEANSVM_TOKEN", OrleansVm.Silo.Tests.TestSilo.OperatorToken);
        Environment.SetEnvironmentVariable("ORLEANSVM_WORKSPACE", ws);
        try
        {
            var created = await Cli.RunAsync("workspace", "create", ws);
            var listed = await Cli.RunAsync("instance", "list");

            created.AssertExit(0);
            Assert.Equal($"workspace {ws} created", created.Stdout.Trim());
            listed.AssertExit(0);
            Assert.Equal($"no instances in {ws}", listed.Stdout.Trim());
        }
        finally
        {
            Environment.SetEnvironmentVariable("ORLEANSVM_URL", null);
            Environment.SetEnvironmentVariable("ORLEANSVM_TOKEN", null);
            Environment.SetEnvironmentVariable("ORLEANSVM_WORKSPACE", null);
        }
    }

    [Theory]
    [InlineData("instance", "list")]                                       // no workspace
    [InlineData("instance", "event", "x@abcdefgh", "-w", "ws")]              // no handler
    [InlineData("instance", "event", "x@abcdefgh", "go", "-w", "ws", "--args", "{nope")]
    [InlineData("package", "publish", "/no/such/plugin.js")]
    [InlineData("workspace", "list", "--url", "not a url")]
    public async Task Usage_errors_exit_2_before_any_call(params string[] args)
    {
        // A silo address nobody listens on: a usage error must be found before anything is sent.
        var result = await Cli.RunAsync([.. args, .. args.Contains("--url") ? Array.Empty<string>() : ["--url", "http://127.0.0.1:9"]]);

        result.AssertExit(2);
    }

    [Fact]
    public async Task An_unreachable_silo_is_a_network_error_with_exit_1()
    {
        var result = await Cli.RunAsync("workspace", "list", "--url", "http://127.0.0.1:9", "--token", "t", "--json");

        result.AssertExit(1);
        Assert.Equal("NETWORK_ERROR", result.Json["error"]!["code"]!.GetValue<string>());
    }
}
