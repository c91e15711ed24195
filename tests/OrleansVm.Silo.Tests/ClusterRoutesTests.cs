using System.Net;

namespace OrleansVm.Silo.Tests;

public sealed class ClusterRoutesTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task Health_needs_no_token_and_lists_this_silo()
    {
        using var anonymous = fixture.Silo.Client(token: null);

        var health = (await anonymous.GetAsync("api/v1/health")).Expect(HttpStatusCode.OK).Object;

        Assert.Equal("ok", health["status"]!.GetValue<string>());
        var siloId = health["siloId"]!.GetValue<string>();
        var silo = Assert.Single(health["silos"]!.AsArray())!;
        Assert.Equal(siloId, silo["siloId"]!.GetValue<string>());
        Assert.Equal(fixture.Silo.BaseAddress.ToString().TrimEnd('/'), silo["address"]!.GetValue<string>().TrimEnd('/'));
        Assert.Equal("active", silo["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Modules_list_the_native_modules_for_any_token()
    {
        var scenario = new Scenario(fixture.Silo);
        var (_, client, _) = await scenario.WorkspaceWithClientAsync();

        var modules = (await client.GetAsync("api/v1/modules")).Expect(HttpStatusCode.OK).Array;

        var names = modules.Select(m => m!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["crypto", "kv", "time"], names.Order());
        Assert.All(modules, m => Assert.False(string.IsNullOrWhiteSpace(m!["doc"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Modules_without_a_token_is_401()
    {
        using var anonymous = fixture.Silo.Client(token: null);

        (await anonymous.GetAsync("api/v1/modules")).Expect(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }
}
