namespace OrleansVm.Sandbox;

/// <summary>How one sandbox is configured: limits, the module registry, the granted modules and the log.</summary>
public sealed class SandboxOptions
{
    public SandboxLimits Limits { get; init; } = SandboxLimits.Default;
    public NativeModuleRegistry Modules { get; init; } = NativeModuleRegistry.CreateDefault();

    /// <summary>Normalized names (see <see cref="NativeModuleRegistry.NormalizeNames"/>); others give MODULE_NOT_ENABLED on require.</summary>
    public IReadOnlySet<string> EnabledModules { get; init; } = new HashSet<string>();

    public IPluginLog? Log { get; init; }
}
