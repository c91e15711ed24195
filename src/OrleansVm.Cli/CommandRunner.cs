using System.Text.Json.Nodes;
using OrleansVm.Sandbox;

namespace OrleansVm.Cli;

/// <summary>
/// Runs one command's work and turns its outcome into the JSON result and exit status of cli.md,
/// so no exception ever escapes to the user as a stack trace.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CliConsole console, Func<CancellationToken, Task<JsonObject>> work,
                                           CancellationToken cancellationToken)
    {
        try
        {
            var result = await work(cancellationToken);
            await console.Output.WriteSuccessAsync(result);
            return CliExitCodes.Ok;
        }
        catch (CliUsageException e)
        {
            await console.Output.WriteErrorAsync(e.Code, e.Message, e.Details);
            return CliExitCodes.UsageError;
        }
        catch (SandboxException e)
        {
            await console.Output.WriteErrorAsync(e.Code, e.Message, e.Details);
            return CliExitCodes.PluginFailed;
        }
        catch (Exception e)
        {
            // A bug of ours, not the user's input: no .NET message in the result (issue 12); the trace only on request.
            await console.Output.WriteErrorAsync(CliErrorCodes.InternalError,
                                                 "An internal error occurred; set ORLEANSVM_DEBUG=1 to print its details.", null);
            if (Environment.GetEnvironmentVariable("ORLEANSVM_DEBUG") == "1")
                await console.Error.WriteLineAsync(e.ToString());
            return CliExitCodes.PluginFailed;
        }
    }
}
