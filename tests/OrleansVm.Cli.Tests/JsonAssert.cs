using System.Text.Json.Nodes;

namespace OrleansVm.Cli.Tests;

internal static class JsonAssert
{
    public static void Equal(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        Assert.True(JsonNode.DeepEquals(expected, actual),
                    $"expected {expected?.ToJsonString()}{Environment.NewLine}  actual {actual?.ToJsonString()}");
    }
}
