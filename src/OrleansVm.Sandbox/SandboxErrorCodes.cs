namespace OrleansVm.Sandbox;

/// <summary>Stable error codes of plugin-contract.md and capabilities.md.</summary>
public static class SandboxErrorCodes
{
    public const string PluginLoadError = "PLUGIN_LOAD_ERROR";
    public const string PluginRuntimeError = "PLUGIN_RUNTIME_ERROR";
    public const string RuntimeTimeout = "RUNTIME_TIMEOUT";
    public const string LimitExceeded = "LIMIT_EXCEEDED";
    public const string RenderInvalid = "RENDER_INVALID";
    public const string IntentInvalid = "INTENT_INVALID";
    public const string WidgetNotFound = "WIDGET_NOT_FOUND";
    public const string HandlerNotFound = "HANDLER_NOT_FOUND";
    public const string ModuleNotAllowed = "MODULE_NOT_ALLOWED";
    /// <summary>Thrown inside the script (catchable) when a registered module is not granted.</summary>
    public const string ModuleNotEnabled = "MODULE_NOT_ENABLED";
}
