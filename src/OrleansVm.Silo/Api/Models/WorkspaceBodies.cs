using OrleansVm.Grains;

namespace OrleansVm.Silo.Api.Models;

public sealed record CreateWorkspaceRequest(string WorkspaceId);

/// <summary><c>POST .../tokens</c> takes <c>{}</c>: no field is defined yet, so any field is an error.</summary>
public sealed record CreateTokenRequest;

public sealed record GrantsRequest(IReadOnlyList<string>? ReadShared = null, IReadOnlyList<string>? WriteShared = null, IReadOnlyList<string>? Modules = null);

/// <summary>A package's grant, flat as api-shapes.md shows it.</summary>
public sealed record PackageGrantsResponse(string PackageId, IReadOnlyList<string> ReadShared, IReadOnlyList<string> WriteShared, IReadOnlyList<string> Modules)
{
    public static PackageGrantsResponse From(PackageGrants grants) =>
        new(grants.PackageId, grants.Grants.ReadShared, grants.Grants.WriteShared, grants.Grants.Modules);
}

public sealed record DefineDomainRequest(string Code);

/// <summary>A domain with its raw state; <c>state</c> is written even when null.</summary>
public sealed record DomainStateResponse(string Domain, bool BuiltIn, bool ReadOnly,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] System.Text.Json.Nodes.JsonNode? State);
