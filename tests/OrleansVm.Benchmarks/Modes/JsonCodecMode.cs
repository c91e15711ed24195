using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansVm.Grains;

namespace OrleansVm.Benchmarks.Modes;

/// <summary>
/// <c>json-codec [iterations=20000]</c>: what a JsonNode payload costs through Orleans' serializer as
/// OrleansVm configures it (<see cref="OrleansVmSerialization.AddOrleansVmSerializer"/>): an
/// <see cref="EventResponse"/> of the counter preset (two dispatches and a small state) and a rendered
/// counter UI tree, serialized and deserialized (a call between silos or to a client) and deep-copied
/// (a call inside one silo); bytes on the wire; against the same tree as JSON text with System.Text.Json.
/// </summary>
public static class JsonCodecMode
{
    public static Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var services = new ServiceCollection().AddOrleansVmSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var copier = services.GetRequiredService<DeepCopier>();

        var response = new EventResponse(
        [
            new DispatchResult("counter@abcdefgh#7", "plugin", "increment", null, "applied", null),
            new DispatchResult("counter@abcdefgh#8", "shared", "set-instance", "counter-summary", "applied", null),
        ], new JsonObject { ["value"] = 42 });
        var ui = JsonNode.Parse("""
            {"kind":"panel","children":[{"kind":"text","text":"Counter: 4"},
             {"kind":"row","children":[{"kind":"badge","text":"Shared total: 12"},{"kind":"badge","text":"Instances: 3"}]},
             {"kind":"row","children":[{"kind":"button","props":{"label":"Decrement","onClick":{"handler":"decrement"}}},
              {"kind":"button","props":{"label":"Reset","onClick":{"handler":"reset"},"variant":"destructive"}},
              {"kind":"button","props":{"label":"Increment","onClick":{"handler":"increment"}}}]}]}
            """)!;

        Console.WriteLine($"json-codec: {iterations} iterations each");
        Console.WriteLine("| value | Orleans bytes | serialize + deserialize µs | deep copy µs | STJ text round trip µs (reference) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Report("EventResponse (counter increment)", response, serializer, copier, iterations, () => System.Text.Json.JsonSerializer.Serialize(response.State));
        Report("UI tree (counter render)", ui, serializer, copier, iterations, () => ui.ToJsonString());
        return Task.FromResult(0);
    }

    private static void Report<T>(string name, T value, Serializer serializer, DeepCopier copier, int iterations, Func<string> text)
    {
        var bytes = serializer.SerializeToArray(value);
        var check = serializer.Deserialize<T>(bytes);
        if (System.Text.Json.JsonSerializer.Serialize(check) != System.Text.Json.JsonSerializer.Serialize(value))
            throw new InvalidOperationException($"{name}: the round trip changed the value");
        var roundTrip = Time(iterations, () => serializer.Deserialize<T>(serializer.SerializeToArray(value)));
        var copy = Time(iterations, () => copier.Copy(value));
        var json = Time(iterations, () => JsonNode.Parse(text()));
        Console.WriteLine($"| {name} | {bytes.Length} | {roundTrip:F2} | {copy:F2} | {json:F2} |");
    }

    private static double Time(int iterations, Action action)
    {
        for (var i = 0; i < iterations / 10; i++) action(); // warm-up
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++) action();
        return sw.Elapsed.TotalMicroseconds / iterations;
    }
}
