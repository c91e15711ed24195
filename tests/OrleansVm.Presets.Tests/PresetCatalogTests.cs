namespace OrleansVm.Presets.Tests;

public class PresetCatalogTests
{
    [Fact]
    public void Lists_the_six_presets_of_the_spec()
    {
        Assert.Equal(
            ["calculator", "counter", "greeter", "greeter-shared-state", "runtime-monitor", "status-dashboard"],
            PresetCatalog.PackageIds.Order().ToList());
    }

    [Fact]
    public void Loads_every_preset_with_its_code_and_manifest()
    {
        var packages = PresetCatalog.LoadAll();

        Assert.Equal(PresetCatalog.PackageIds, packages.Select(p => p.PackageId).ToList());
        Assert.All(packages, package =>
        {
            Assert.Contains("definePlugin(", package.Code);
            Assert.Equal("1.0.0", package.Version);
            Assert.False(string.IsNullOrWhiteSpace((string?)package.Manifest["title"]));
        });
    }

    [Fact]
    public void Refuses_an_unknown_preset()
    {
        Assert.Throws<KeyNotFoundException>(() => PresetCatalog.Load("no-such-preset"));
    }
}
