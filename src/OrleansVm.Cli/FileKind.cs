using System.Runtime.InteropServices;

namespace OrleansVm.Cli;

/// <summary>
/// Whether a path is a regular file, asked before it is opened: opening a FIFO blocks until a writer comes, and a
/// device (<c>/dev/zero</c>) reads forever, so neither may reach a read. .NET's FileInfo cannot tell them from an
/// empty file (both report attributes Normal, length 0), so this asks the runtime's own native shim
/// (System.Native's stat, the one FileInfo uses), reading only the file-type bits of its mode.
/// </summary>
internal static class FileKind
{
    // .NET's PAL FileStatus: int32 Flags, then int32 Mode (offset 4); the rest (under 200 bytes) is not read.
    private const int StatusBufferBytes = 256;
    private const int ModeOffset = 4;
    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;
    private const int Directory = 0x4000;

    public enum Kind { Missing, Regular, Directory, Other }

    public static Kind Of(string path)
    {
        // Windows has no FIFOs or device nodes reachable by ordinary paths; the size checks still apply there.
        if (OperatingSystem.IsWindows()) return File.Exists(path) ? Kind.Regular : System.IO.Directory.Exists(path) ? Kind.Directory : Kind.Missing;

        var status = new byte[StatusBufferBytes];
        if (Stat(path, status) != 0) return Kind.Missing;
        return (BitConverter.ToInt32(status, ModeOffset) & TypeMask) switch
        {
            RegularFile => Kind.Regular,
            Directory => Kind.Directory,
            _ => Kind.Other,
        };
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] status);
}
