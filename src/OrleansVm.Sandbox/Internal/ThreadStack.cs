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
        var attr = stackalloc byte[128]; // pthread_attr_t is 56 bytes on x64/arm64 glibc
        if (pthread_getattr_np(pthread_self(), attr) != 0) return -1;
        try
        {
            return pthread_attr_getstack(attr, out var address, out _) == 0 ? address : -1;
        }
        finally
        {
            pthread_attr_destroy(attr);
        }
    }

    private static nint Windows()
    {
        GetCurrentThreadStackLimits(out var low, out _);
        return (nint)low;
    }

    [DllImport("libc")] private static extern nint pthread_self();
    [DllImport("libc")] private static extern int pthread_getattr_np(nint thread, byte* attr);
    [DllImport("libc")] private static extern int pthread_attr_getstack(byte* attr, out nint address, out nint size);
    [DllImport("libc")] private static extern int pthread_attr_destroy(byte* attr);
    [DllImport("kernel32")] private static extern void GetCurrentThreadStackLimits(out nuint low, out nuint high);
}
