using System.Diagnostics;
using OrleansVm.Storage.CrashWriter;
using Xunit.Sdk;

namespace OrleansVm.Storage.Tests.Crash;

/// <summary>
/// Starts the crash writer as a child process, reads its acknowledgements, kills it with SIGKILL once it has
/// acknowledged enough writes, and returns every acknowledgement it managed to print before dying.
/// </summary>
internal static class CrashWriterProcess
{
    public static async Task<IReadOnlyList<Acknowledgement>> RunAndKillAsync(IEnumerable<string> arguments, int acknowledgementsBeforeKill)
    {
        var writerDll = Path.Combine(AppContext.BaseDirectory, "OrleansVm.Storage.CrashWriter.dll");
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(writerDll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new XunitException("Could not start the crash writer.");
        var stderr = process.StandardError.ReadToEndAsync();
        var acknowledgements = new List<Acknowledgement>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            while (acknowledgements.Count < acknowledgementsBeforeKill)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new XunitException($"The crash writer exited early ({acknowledgements.Count} acks): {await stderr}");
                if (Acknowledgement.TryParse(line, out var acknowledgement))
                {
                    acknowledgements.Add(acknowledgement);
                }
            }
        }
        finally
        {
            process.Kill(); // SIGKILL on Unix: no finally blocks, no dispose, no flush in the writer
        }

        // Everything already in the pipe was acknowledged before the kill; a line cut in half does not parse.
        while (await process.StandardOutput.ReadLineAsync() is { } rest)
        {
            if (Acknowledgement.TryParse(rest, out var acknowledgement))
            {
                acknowledgements.Add(acknowledgement);
            }
        }

        await process.WaitForExitAsync();
        Assert.NotEqual(0, process.ExitCode); // it was killed, not finished
        return acknowledgements;
    }
}
