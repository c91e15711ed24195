using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>The per-workspace instance quota (<see cref="OrleansVmOptions.MaxInstancesPerWorkspace"/>), checked before anything is created.</summary>
public static class InstanceQuota
{
    public const string Name = "instances";

    public static void Require(int current, int limit)
    {
        if (current < limit) return;
        throw new OrleansVmException(ErrorCodes.QuotaExceeded,
            $"The workspace holds {current} instances; its quota is {limit}. Remove one to create another.",
            new JsonObject { ["quota"] = Name, ["limit"] = limit });
    }
}
