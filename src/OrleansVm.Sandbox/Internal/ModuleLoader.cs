using Jint.Native;
using Jint.Runtime;
using OrleansVm.Sandbox.Hardening;

namespace OrleansVm.Sandbox.Internal;

/// <summary><c>require(name)</c>: always defined; builds a granted module once per sandbox.</summary>
internal sealed class ModuleLoader(SandboxRuntime runtime, SandboxOptions options)
{
    private Dictionary<string, JsValue>? _loaded; // most plugins require nothing

    public JsValue Require(JsValue thisValue, JsValue[] args)
    {
        var engine = runtime.Engine;
        var name = NativeModuleRegistry.NormalizeName(TypeConverter.ToString(HostFunctions.Arg(args, 0)));
        if (_loaded is not null && _loaded.TryGetValue(name, out var cached)) return cached;
        if (NativeModuleRegistry.BuiltInNames.Contains(name))
            throw JsErrors.WithCode(engine, SandboxErrorCodes.ModuleNotAllowed, NativeModuleRegistry.BuiltIn(name).Message);
        var module = options.Modules.Find(name)
            ?? throw JsErrors.WithCode(engine, SandboxErrorCodes.ModuleNotAllowed, NativeModuleRegistry.Unknown(name).Message);
        if (!options.EnabledModules.Contains(name))
            throw JsErrors.WithCode(engine, SandboxErrorCodes.ModuleNotEnabled, $"Native module \"{name}\" is not enabled for this plugin");
        var exports = new JsObject(engine);
        module.Build(new NativeModuleBuilder(exports, runtime.ModuleContext));
        (_loaded ??= new(StringComparer.Ordinal))[name] = exports;
        return exports;
    }
}
