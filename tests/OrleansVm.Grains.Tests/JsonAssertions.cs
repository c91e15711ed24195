using System.Globalization;
using System.Text.Json.Nodes;

namespace OrleansVm.Grains.Tests;

public static class JsonAssertions
{
    /// <summary>A JSON number as an int, whatever .NET type the node holds (long, double...).</summary>
    public static int AsInt(this JsonNode? node) =>
        node is null ? throw new InvalidOperationException("Expected a number, got nothing.") : (int)double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);
}
