using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OrleansVm.Client;

namespace OrleansVm.Cli;

/// <summary>
/// Runs one cluster command: text on stdout by default, the API's JSON with <c>--json</c>. An API
/// error prints its code and message (stderr as text, stdout as the API's envelope with
/// <c>--json</c>) and exits 1; a usage error exits 2. Nothing else is caught: a bug shows its trace.
/// </summary>
internal static class ClusterRunner
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static async Task<int> RunAsync(CliConsole console, ClusterOptions options, ParseResult parseResult,
                                           Func<OrleansVmClient, CancellationToken, Task<ClusterResult>> work,
                                           CancellationToken cancellationToken)
    {
        var json = parseResult.GetValue(options.Json);
        try
        {
            using var client = options.CreateClient(parseResult);
            var result = await work(client, cancellationToken);
            if (json) await WriteLineAsync(console.Out, result.Value is null ? "{}" : JsonSerializer.Serialize(result.Value, JsonOptions));
            else if (result.Text.Length > 0) await WriteLineAsync(console.Out, result.Text);
            return CliExitCodes.Ok;
        }
        catch (CliUsageException e)
        {
            await ReportAsync(console, json, e.Code, e.Message, e.Details);
            return CliExitCodes.UsageError;
        }
        catch (OrleansVmApiException e)
        {
            await ReportAsync(console, json, e.Code, e.Message, e.Details);
            return CliExitCodes.PluginFailed;
        }
    }

    private static async Task ReportAsync(CliConsole console, bool json, string code, string message, JsonObject? details)
    {
        if (json)
        {
            var error = new JsonObject { ["code"] = code, ["message"] = message };
            if (details is { Count: > 0 }) error["details"] = details.DeepClone();
            await WriteLineAsync(console.Out, new JsonObject { ["error"] = error }.ToJsonString(JsonOptions));
        }
        else
        {
            var field = details?["field"] is JsonValue f ? $" (field {f})" : "";
            await WriteLineAsync(console.Error, $"error: {code}: {message}{field}");
        }
    }

    private static async Task WriteLineAsync(TextWriter writer, string text)
    {
        await writer.WriteLineAsync(text);
        await writer.FlushAsync();
    }
}
