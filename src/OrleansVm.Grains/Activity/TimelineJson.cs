using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>A timeline entry in the API's shape (api-shapes.md), as the `dispatch` stream event carries it.</summary>
public static class TimelineJson
{
    public static JsonObject Of(DispatchRecord record)
    {
        var json = new JsonObject
        {
            ["dispatchId"] = record.DispatchId,
            ["timestamp"] = UtcTimestamps.Of(record.Timestamp),
            ["scope"] = record.Scope,
            ["actionType"] = record.ActionType,
            ["instanceId"] = record.InstanceId,
        };
        if (record.Domain is not null) json["domain"] = record.Domain;
        json["outcome"] = record.Outcome;
        if (record.Reason is not null) json["reason"] = record.Reason;
        return json;
    }
}
