using System.Text.Json.Nodes;
using Jint.Native;
using OrleansVm.Sandbox.Conversion;

namespace OrleansVm.Sandbox.Internal;

/// <summary>Script value → JSON for each context, with that context's limit and error codes.</summary>
internal static class ScriptJson
{
    public static JsonNode State(CallBudget budget, SandboxLimits limits, JsValue value, string what)
    {
        JsonNode? node;
        try
        {
            node = new JsToJson(budget, limits.MaxStateBytes).Convert(value, "state", out var absent);
            if (absent) throw new SandboxException(SandboxErrorCodes.PluginRuntimeError, $"{what} must be JSON, not undefined or a function");
        }
        catch (JsonConversionException ex) when (ex.Failure == JsonConversionFailure.TooLarge)
        {
            throw SandboxException.Limit("stateSize", $"{what} is larger than {limits.MaxStateBytes} bytes as JSON");
        }
        catch (JsonConversionException ex)
        {
            throw new SandboxException(SandboxErrorCodes.PluginRuntimeError, $"{what} is not JSON: {ex.Message}");
        }
        node ??= JsonValue.Create((string?)null);
        CheckStateSize(limits, node, what);
        return node!;
    }

    public static void CheckStateSize(SandboxLimits limits, JsonNode? node, string what)
    {
        if (JsonSize.Of(node) > limits.MaxStateBytes)
            throw SandboxException.Limit("stateSize", $"{what} is larger than {limits.MaxStateBytes} bytes as JSON");
    }

    public static JsonNode? Payload(CallBudget budget, SandboxLimits limits, JsValue value)
    {
        try
        {
            var node = new JsToJson(budget, limits.MaxStateBytes).Convert(value, "payload", out var absent);
            return absent ? null : node;
        }
        catch (JsonConversionException ex)
        {
            throw SandboxAbort.Of(SandboxErrorCodes.IntentInvalid, $"Intent {ex.Message}");
        }
    }

    public static JsonNode Tree(CallBudget budget, SandboxLimits limits, JsValue value)
    {
        JsonNode? node;
        var converter = new JsToJson(budget, limits.MaxTreeBytes);
        try
        {
            node = converter.Convert(value, "root", out var absent);
            if (absent) throw new SandboxException(SandboxErrorCodes.RenderInvalid, "root must be an object");
        }
        catch (JsonConversionException ex) when (ex.Failure == JsonConversionFailure.TooLarge)
        {
            throw SandboxException.Limit("treeSize", $"Render tree is larger than {limits.MaxTreeBytes} bytes as JSON");
        }
        catch (JsonConversionException ex)
        {
            throw new SandboxException(SandboxErrorCodes.RenderInvalid, ex.Message);
        }
        Ui.UiTreeValidator.Validate(node, limits.MaxTreeNodes);
        if (!converter.CertainlyWithin(limits.MaxTreeBytes) && JsonSize.Of(node) > limits.MaxTreeBytes)
            throw SandboxException.Limit("treeSize", $"Render tree is larger than {limits.MaxTreeBytes} bytes as JSON");
        return node!;
    }
}
