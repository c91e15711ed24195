using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>`counter-summary`: each instance's last value, their total and count, and who wrote last.</summary>
internal sealed class CounterSummaryReducer : IDomainReducer
{
    public static CounterSummaryReducer Instance { get; } = new();

    private const string ValuesKey = "valuesByInstance";

    public JsonNode InitialState() => Build(new JsonObject(), null);

    public (DomainOutcome Outcome, JsonNode? NewState) Apply(JsonNode state, DomainAction action, DomainChanges changes)
    {
        if (action.Type != "set-instance") return (DomainOutcomes.UnsupportedAction(action.Domain, action.Type), null);
        if (action.Payload is not JsonObject payload || !TryNumber(payload["value"], out var value))
            return (DomainOutcomes.ReducerError("set-instance expects {value: number}"), null);

        // Validated: update in place (the grain holds the only reference, under its lock) rather than copy every entry per dispatch.
        if (state["valuesByInstance"] is not JsonObject values)
        {
            values = new JsonObject();
            state["valuesByInstance"] = values;
            changes.KeyChanged(ValuesKey);
        }

        // O(1) per dispatch: the total moves by (new − old) when everything is a whole number (exact in a double
        // below 2^53); any fraction falls back to a full re-sum, so the total never drifts by rounding.
        // The total is decided before anything changes: a total JSON cannot carry (two values of 1e308 sum to
        // Infinity) fails this one dispatch and leaves the state as it was, rather than poisoning the domain's
        // next write and, through the outbox's retries, every later intent of the instance (issue 12).
        var previous = values.TryGetPropertyValue(action.InstanceId, out var previousNode) ? ToDouble(previousNode) : 0;
        var stored = state["totalValue"] is JsonValue totalNode ? ToDouble(totalNode) : double.NaN;
        var total = stored - previous + value;
        if (!(IsWhole(stored) && IsWhole(previous) && IsWhole(value) && IsWhole(total)))
            total = TotalWith(values, action.InstanceId, value);
        if (!double.IsFinite(total))
            return (DomainOutcomes.ReducerError("totalValue would not be a finite number"), null);

        values[action.InstanceId] = JsonNumber(value);
        state["totalValue"] = JsonNumber(total);
        state["instanceCount"] = values.Count;
        state["lastUpdatedInstanceId"] = action.InstanceId;
        // One entry and three scalars changed, whatever the number of instances: that is all the journal writes.
        changes.MemberChanged(ValuesKey, action.InstanceId);
        changes.KeyChanged("totalValue");
        changes.KeyChanged("instanceCount");
        changes.KeyChanged("lastUpdatedInstanceId");
        return (DomainOutcomes.Applied, state);
    }

    public JsonNode? Project(JsonNode state) => new JsonObject
    {
        ["totalValue"] = state["totalValue"]?.DeepClone() ?? 0,
        ["instanceCount"] = state["instanceCount"]?.DeepClone() ?? 0,
        ["lastUpdatedInstanceId"] = state["lastUpdatedInstanceId"]?.DeepClone(),
    };

    public JsonNode? Forget(JsonNode state, string instanceId, DomainChanges changes)
    {
        var values = state["valuesByInstance"] as JsonObject;
        var last = state["lastUpdatedInstanceId"]?.GetValue<string>();
        JsonNode? previousNode = null;
        var owned = values is not null && values.TryGetPropertyValue(instanceId, out previousNode);
        if (!owned && last != instanceId) return null;

        // In place, like Apply: the total moves by the removed value (re-summed only when fractions are involved).
        if (owned)
        {
            var previous = ToDouble(previousNode);
            values!.Remove(instanceId);
            var stored = state["totalValue"] is JsonValue totalNode ? ToDouble(totalNode) : double.NaN;
            var total = stored - previous;
            if (!(IsWhole(stored) && IsWhole(previous))) total = Total(values);
            state["totalValue"] = JsonNumber(total);
            state["instanceCount"] = values.Count;
            changes.MemberChanged(ValuesKey, instanceId);
            changes.KeyChanged("totalValue");
            changes.KeyChanged("instanceCount");
        }

        if (last == instanceId)
        {
            state["lastUpdatedInstanceId"] = null;
            changes.KeyChanged("lastUpdatedInstanceId");
        }

        return state;
    }

    private static double Total(JsonObject values)
    {
        double total = 0;
        foreach (var (_, value) in values) total += ToDouble(value);
        return total;
    }

    /// <summary>The re-summed total as it would be with <paramref name="instanceId"/>'s value replaced, without changing anything.</summary>
    private static double TotalWith(JsonObject values, string instanceId, double value)
    {
        var total = value;
        foreach (var (key, node) in values)
        {
            if (key != instanceId) total += ToDouble(node);
        }
        return total;
    }

    private static bool IsWhole(double value) => value == Math.Floor(value) && Math.Abs(value) < 9e15;

    /// <summary>A stored number whatever its CLR representation (long/int/double when built here, JsonElement when read from storage).</summary>
    private static double ToDouble(JsonNode? node)
    {
        if (node is not JsonValue v) return 0;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<double>(out var d)) return d;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<System.Text.Json.JsonElement>(out var e) && e.ValueKind == System.Text.Json.JsonValueKind.Number) return e.GetDouble();
        return double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static JsonObject Build(JsonObject values, string? lastUpdatedInstanceId)
    {
        return new JsonObject
        {
            ["valuesByInstance"] = values,
            ["totalValue"] = JsonNumber(Total(values)),
            ["instanceCount"] = values.Count,
            ["lastUpdatedInstanceId"] = lastUpdatedInstanceId,
        };
    }

    // Whole numbers stay integers in JSON (1, not 1.0).
    private static JsonNode JsonNumber(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 9e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);

    private static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.TryGetValue(out value) && double.IsFinite(value);
    }
}
