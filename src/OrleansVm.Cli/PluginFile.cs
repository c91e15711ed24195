namespace OrleansVm.Cli;

/// <summary>Reads a plugin script, reporting a missing or unreadable file as a usage error.</summary>
internal static class PluginFile
{
    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliUsageException(CliErrorCodes.FileError, $"Cannot read '{path}': {e.Message}",
                                        new System.Text.Json.Nodes.JsonObject { ["path"] = path });
        }
    }
}
