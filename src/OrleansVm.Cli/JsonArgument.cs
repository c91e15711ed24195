using System.Text.Json.Nodes;

namespace OrleansVm.Cli;

/// <summary>
/// A JSON option's parsed value. The wrapper tells "given as null" from "not given", and keeps
/// System.CommandLine from treating a JSON null as a missing value.
/// </summary>
internal sealed record JsonArgument(JsonNode? Node);
