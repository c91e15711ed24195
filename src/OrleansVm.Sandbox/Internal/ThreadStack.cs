using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OrleansVm.Sandbox.Internal;

/// <summary>Remaining stack of the current thread, from the OS's own record of its bounds (-1 when unknown).</summary>
internal static unsafe class ThreadStack
{
    [ThreadStatic] private static nint t_low;

    public static long Remaining()
    {
        if (t_low == 0) t_low = QueryLowAddress();
        return t_low < 0 ? -1 : Current() - t_low;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static nint Current()
    {
        byte marker = 0;
        return (nint)(&marker);
    }

    private static nint QueryLowAddress()
    {
        try
        {
            if (OperatingSystem.IsLinux()) return Linux();
            if (OperatingSystem.IsWindows()) return Windows();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
        }
        return -1;
    }

    private static nint Linux()
    {
        // Resolved by hand: "libc" alone may hit the libc.so linker script of a dev install.
        if (!TryLoad(out var libc)) return -1;
        if (!NativeLibrary.TryGetExport(libc, "pthread_self", out var self)
            || !NativeLibrary.TryGetExport(libc, "pthread_getattr_np", out var getattr)
            || !NativeLibrary.TryGetExport(libc, "pthread_attr_getstack", out var getstack)
            || !NativeLibrary.TryGetExport(libc, "pthread_attr_destroy", out var destroy))
            return -1;
        var attr = stackalloc byte[128]; // pthread_attr_t is 56 bytes on x64/arm64 glibc
        var thread = ((delegate* unmanaged<nint>)self)();
        if (((delegate* unmanaged<nint, byte*, int>)getattr)(thread, attr) != 0) return -1;
        try
        {
            nint address;
            nint size;
            return ((delegate* unmanaged<byte*, nint*, nint*, int>)getstack)(attr, &address, &size) == 0 ? address : -1;
        }
        finally
        {
            ((delegate* unmanaged<byte*, int>)destroy)(attr);
        }
    }

    private static bool TryLoad(out nint libc) =>
        NativeLibrary.TryLoad("libc.so.6", out libc) || NativeLibrary.TryLoad("libc", out libc);

    private static nint Windows()
    {
        GetCurrentThreadStackLimits(out var low, out _);
        return (nint)low;
    }

    [DllImport("kernel32")] private static extern void GetCurrentThreadStackLimits(out nuint low, out nuint high);
}
