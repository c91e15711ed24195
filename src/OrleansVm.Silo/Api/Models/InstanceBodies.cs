using System.Text.Json.Nodes;
using OrleansVm.Grains;

namespace OrleansVm.Silo.Api.Models;

public sealed record CreateInstanceRequest(string PackageId, string? Version = null);

public sealed record SendEventRequest(string Handler, JsonNode? Args = null);

public sealed record CreatedInstanceResponse(string InstanceId, string PackageId, string Version, string Title, IReadOnlyList<string> Widgets, Grants Grants)
{
    public static CreatedInstanceResponse From(InstanceView view) =>
        new(view.InstanceId, view.PackageId, view.Version, view.Title, view.Widgets, view.Grants);
}

public sealed record InstanceResponse(
    string InstanceId, string PackageId, string Version, string Title, IReadOnlyList<string> Widgets, string Status, JsonNode? State, Grants Grants)
{
    public static InstanceResponse From(InstanceView view) =>
        new(view.InstanceId, view.PackageId, view.Version, view.Title, view.Widgets, view.Status, view.State, view.Grants);
}

public sealed record InstanceListItem(
    string InstanceId, string PackageId, string Version, string Title, IReadOnlyList<string> Widgets, string Status, Grants Grants);

public sealed record RenderResponse(JsonNode Tree);
