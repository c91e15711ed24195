using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansVm.Cli;

/// <summary>Writes the single JSON object a command prints on stdout.</summary>
public sealed class CliOutput(TextWriter writer)
{
    // Relaxed escaping keeps non-ASCII text (plugin UIs) readable; the output is never embedded in HTML.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <c>{"ok":true, ...fields}</c>.</summary>
    public async Task WriteSuccessAsync(JsonObject fields)
    {
        var result = new JsonObject { ["ok"] = true };
        foreach (var (name, value) in fields)
            result[name] = value?.DeepClone();
        await WriteAsync(result);
    }

    /// <summary>Writes <c>{"ok":false,"error":{"code","message","details"}}</c>.</summary>
    public async Task WriteErrorAsync(string code, string message, JsonObject? details)
    {
        var result = new JsonObject
        {
            ["ok"] = false,
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["details"] = details?.DeepClone() ?? new JsonObject(),
            },
        };
        await WriteAsync(result);
    }

    private async Task WriteAsync(JsonObject result)
    {
        await writer.WriteLineAsync(result.ToJsonString(JsonOptions));
        await writer.FlushAsync();
    }
}
