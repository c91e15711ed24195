using System.Text.Json;

namespace OrleansVm.Client.Models;

/// <summary>One Server-Sent Event of a workspace stream.</summary>
/// <param name="Id">The event id, to resume with after a disconnect.</param>
/// <param name="Name">`instance.created`, `instance.removed`, `instance.state`, `domain.changed` or `dispatch`.</param>
/// <param name="Data">The event's JSON data.</param>
public sealed record StreamEvent(string? Id, string Name, JsonElement Data);
