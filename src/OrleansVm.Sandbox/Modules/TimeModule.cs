using System.Globalization;
using Jint.Native;

namespace OrleansVm.Sandbox;

/// <summary><c>time.now()</c> epoch milliseconds, <c>time.iso()</c> the current UTC time as ISO 8601.</summary>
public sealed class TimeModule(TimeProvider? clock = null) : NativeModule
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public override string Name => "time";
    public override string Doc => "now(): epoch milliseconds; iso(): current UTC time as ISO 8601";

    public override void Build(NativeModuleBuilder module)
    {
        module.Function("now", 0, _ => JsNumber.Create(_clock.GetUtcNow().ToUnixTimeMilliseconds()));
        module.Function("iso", 0, _ => new JsString(
            _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
    }
}
