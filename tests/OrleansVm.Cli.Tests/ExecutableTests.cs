using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OrleansVm.Cli.Tests;

/// <summary>The built <c>orleansvm</c> binary, run as a real process.</summary>
public class ExecutableTests
{
    [Fact]
    public async Task The_built_executable_runs_an_event_end_to_end()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "orleansvm.dll");
        Assert.True(File.Exists(dll), $"{dll} was not built");

        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", dll, "plugin", "event", RepoPaths.Preset("counter"), "counter", "increment" })
            startInfo.ArgumentList.Add(argument);

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stdout} {await stderr}");
        var json = JsonNode.Parse(await stdout)!;
        JsonAssert.Equal("""{"value":1}""", json["pluginState"]);
        Assert.Equal("set-instance", (string?)json["intents"]![1]!["actionType"]);
    }
}
