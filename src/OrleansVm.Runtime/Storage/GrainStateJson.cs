using System.Text.Json;

namespace OrleansVm.Runtime;

/// <summary>
/// JSON settings of stored grain state. Register a <see cref="JsonSerializerOptions"/> singleton
/// to override them (e.g. with a source-generated context).
/// </summary>
public static class GrainStateJson
{
    public static JsonSerializerOptions DefaultOptions { get; } = new(JsonSerializerDefaults.Web);
}
