using System.Net;
using System.Text.Json.Nodes;

namespace OrleansVm.Silo.Tests;

public sealed class PackageRoutesTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private readonly Scenario _scenario = new(fixture.Silo);

    private ApiClient Operator => _scenario.Operator;

    private static string NewPackageId() => "pkg-" + Guid.NewGuid().ToString("N")[..10];

    private static JsonObject Body(string code, JsonObject? manifest = null) => new()
    {
        ["code"] = code,
        ["manifest"] = manifest ?? new JsonObject
        {
            ["title"] = "Echo",
            ["description"] = "Says it back",
            ["capabilities"] = new JsonObject { ["readShared"] = new JsonArray("greeter-profile"), ["writeShared"] = new JsonArray() },
            ["modules"] = new JsonArray("time"),
        },
    };

    [Fact]
    public async Task Publish_answers_201_then_200_for_the_same_content_and_409_for_other_content()
    {
        var packageId = NewPackageId();

        var created = (await Operator.PutAsync($"api/v1/packages/{packageId}/versions/1.0.0", Body(Plugins.Echo))).Expect(HttpStatusCode.Created).Object;
        Assert.Equal(packageId, created["packageId"]!.GetValue<string>());
        Assert.Equal("1.0.0", created["version"]!.GetValue<string>());
        Assert.Equal("Echo", created["title"]!.GetValue<string>());
        Assert.Equal(["main"], created["widgets"]!.AsArray().Select(w => w!.GetValue<string>()));

        var again = (await Operator.PutAsync($"api/v1/packages/{packageId}/versions/1.0.0", Body(Plugins.Echo))).Expect(HttpStatusCode.OK).Object;
        Assert.Equal(created.ToJsonString(), again.ToJsonString());

        (await Operator.PutAsync($"api/v1/packages/{packageId}/versions/1.0.0", Body(Plugins.Echo + "\n// changed")))
            .Expect(HttpStatusCode.Conflict, "PACKAGE_VERSION_EXISTS");
    }

    [Fact]
    public async Task Code_that_does_not_load_is_422()
    {
        var response = await Operator.PutAsync($"api/v1/packages/{NewPackageId()}/versions/1.0.0", Body(Plugins.DoesNotLoad));

        response.Expect((HttpStatusCode)422, "PLUGIN_LOAD_ERROR");
    }

    [Fact]
    public async Task A_syntax_error_is_422_never_500()
    {
        var response = await Operator.PutAsync($"api/v1/packages/{NewPackageId()}/versions/1.0.0", Body("definePlugin(function ( {"));

        response.Expect((HttpStatusCode)422, "PLUGIN_LOAD_ERROR");
    }

    [Theory]
    [InlineData("console", "is a JavaScript built-in")]
    [InlineData("nope", "is not a registered native module")]
    public async Task A_manifest_asking_for_a_bad_module_is_422(string module, string message)
    {
        var manifest = new JsonObject { ["title"] = "x", ["modules"] = new JsonArray(module) };

        var response = (await Operator.PutAsync($"api/v1/packages/{NewPackageId()}/versions/1.0.0", Body(Plugins.Echo, manifest)))
            .Expect((HttpStatusCode)422, "MODULE_NOT_ALLOWED");

        Assert.Contains(message, response.Json!["error"]!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Bad_Id", "1.0.0", "packageId")]
    [InlineData("9starts-with-digit", "1.0.0", "packageId")]
    [InlineData("good", "1.0", "version")]
    [InlineData("good", "v1.0.0", "version")]
    public async Task Bad_ids_are_400_naming_the_field(string packageId, string version, string field)
    {
        var response = (await Operator.PutAsync($"api/v1/packages/{packageId}/versions/{version}", Body(Plugins.Echo)))
            .Expect(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.Equal(field, response.ErrorField);
    }

    [Fact]
    public async Task List_details_and_version_show_what_was_published()
    {
        var packageId = NewPackageId();
        (await Operator.PutAsync($"api/v1/packages/{packageId}/versions/1.0.0", Body(Plugins.Echo))).Expect(HttpStatusCode.Created);
        (await Operator.PutAsync($"api/v1/packages/{packageId}/versions/1.2.0", Body(Plugins.Echo + "\n// 1.2"))).Expect(HttpStatusCode.Created);

        var list = (await Operator.GetAsync("api/v1/packages")).Expect(HttpStatusCode.OK).Array;
        var summary = list.Single(p => p!["packageId"]!.GetValue<string>() == packageId)!;
        Assert.Equal("1.2.0", summary["latestVersion"]!.GetValue<string>());
        Assert.Equal(["1.0.0", "1.2.0"], summary["versions"]!.AsArray().Select(v => v!.GetValue<string>()).Order());
        Assert.Contains(list, p => p!["packageId"]!.GetValue<string>() == "counter");

        var details = (await Operator.GetAsync($"api/v1/packages/{packageId}")).Expect(HttpStatusCode.OK).Object;
        Assert.Equal("Echo", details["title"]!.GetValue<string>());
        Assert.Equal(2, details["versions"]!.AsArray().Count);
        Assert.All(details["versions"]!.AsArray(), v => Assert.NotNull(v!["publishedAt"]));

        var version = (await Operator.GetAsync($"api/v1/packages/{packageId}/versions/1.0.0")).Expect(HttpStatusCode.OK).Object;
        Assert.Equal(Plugins.Echo, version["code"]!.GetValue<string>());
        Assert.Equal(["greeter-profile"], version["manifest"]!["capabilities"]!["readShared"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["time"], version["manifest"]!["modules"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(version["contentHash"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Missing_package_and_version_are_404()
    {
        (await Operator.GetAsync($"api/v1/packages/{NewPackageId()}")).Expect(HttpStatusCode.NotFound, "PACKAGE_NOT_FOUND");
        (await Operator.GetAsync("api/v1/packages/counter/versions/7.7.7")).Expect(HttpStatusCode.NotFound, "PACKAGE_NOT_FOUND");
        (await Operator.GetAsync("api/v1/packages/Bad_Id")).Expect(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task A_manifest_is_optional()
    {
        var response = await Operator.PutAsync($"api/v1/packages/{NewPackageId()}/versions/0.1.0-beta.1", new JsonObject { ["code"] = Plugins.Echo });

        response.Expect(HttpStatusCode.Created);
    }
}
