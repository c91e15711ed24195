using System.Text.Json.Nodes;

namespace OrleansVm.Grains.Tests;

/// <summary>A grain that is not a plugin instance but claims to be one when calling a domain.</summary>
public interface IForgerGrain : IGrainWithStringKey
{
    Task<DomainOutcome> ApplyAsAsync(string domainKey, string instanceId);

    Task<JsonNode?> ReadAsync(string domainKey);
}

public sealed class ForgerGrain : Grain, IForgerGrain
{
    public Task<DomainOutcome> ApplyAsAsync(string domainKey, string instanceId) =>
        GrainFactory.GetGrain<ISharedDomainGrain>(domainKey)
            .ApplyAsync(new SharedDispatch($"{instanceId}#999", instanceId, 999, "add", JsonValue.Create(100), DateTimeOffset.UtcNow));

    public Task<JsonNode?> ReadAsync(string domainKey) => GrainFactory.GetGrain<ISharedDomainGrain>(domainKey).GetProjectionAsync();
}
