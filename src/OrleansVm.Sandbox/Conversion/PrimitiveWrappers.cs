namespace OrleansVm.Sandbox.Conversion;

/// <summary>Jint's primitive wrapper objects (<c>new String('x')</c>…) are internal types; they are recognised by type identity.</summary>
internal static class PrimitiveWrappers
{
    public static readonly Type? String = typeof(Engine).Assembly.GetType("Jint.Native.String.StringInstance");
    public static readonly Type? Number = typeof(Engine).Assembly.GetType("Jint.Native.Number.NumberInstance");
    public static readonly Type? Boolean = typeof(Engine).Assembly.GetType("Jint.Native.Boolean.BooleanInstance");
}
