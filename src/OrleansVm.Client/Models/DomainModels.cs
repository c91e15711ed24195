using System.Text.Json.Nodes;

namespace OrleansVm.Client.Models;

public sealed record DomainSummary(string Domain, bool BuiltIn, bool ReadOnly);

public sealed record DomainState(string Domain, bool BuiltIn, bool ReadOnly, JsonNode? State);
