using System.Text;
using System.Text.Json.Nodes;
using OrleansVm.Sandbox;

namespace OrleansVm.Cli;

/// <summary>
/// Reads a plugin script: only a regular file (a device or FIFO is a FILE_ERROR before it is opened), and never
/// more than the code-size limit plus one byte, so <c>/dev/zero</c> or a huge file costs nothing (issue 12).
/// </summary>
internal static class PluginFile
{
    public static async Task<string> ReadAsync(string path, int maxCodeBytes, CancellationToken cancellationToken)
    {
        switch (FileKind.Of(path))
        {
            case FileKind.Kind.Missing:
                throw Error(path, "no such file");
            case FileKind.Kind.Directory:
                throw Error(path, "it is a directory");
            case FileKind.Kind.Other:
                throw Error(path, "not a regular file (a device, FIFO or socket)");
        }

        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
            var buffer = new byte[maxCodeBytes + 1];
            var length = 0;
            // Bounded: stops at the limit + 1 byte even if the file grows while it is read.
            while (length < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0) break;
                length += read;
            }
            if (length > maxCodeBytes)
            {
                throw new SandboxException(SandboxErrorCodes.LimitExceeded,
                    $"Plugin code is more than {maxCodeBytes} bytes; the limit is {maxCodeBytes}", new JsonObject { ["limit"] = "codeSize" });
            }
            // As File.ReadAllText: UTF-8 unless a byte-order mark says otherwise.
            using var reader = new StreamReader(new MemoryStream(buffer, 0, length), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Error(path, e is UnauthorizedAccessException ? "permission denied" : "it cannot be read");
        }
    }

    private static CliUsageException Error(string path, string reason) =>
        new(CliErrorCodes.FileError, $"Cannot read '{path}': {reason}.", new JsonObject { ["path"] = path });
}
