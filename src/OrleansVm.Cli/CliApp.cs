using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.Json.Nodes;

namespace OrleansVm.Cli;

/// <summary>The <c>orleansvm</c> command line, runnable in-process with any writers (tests, embedding).</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr,
                                           CancellationToken cancellationToken = default)
    {
        var console = new CliConsole(stdout, stderr);
        var parseResult = CreateRootCommand(console).Parse(args);
        if (parseResult.Action is ParseErrorAction)
            return await ReportUsageErrorAsync(parseResult, console, cancellationToken);

        return await parseResult.InvokeAsync(
            new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
    }

    /// <summary>One command group per file; the cluster groups (package, instance) join here.</summary>
    private static RootCommand CreateRootCommand(CliConsole console)
    {
        var root = new RootCommand("OrleansVm: run untrusted JavaScript plugins on a cluster of silos");
        root.Add(PluginCommands.Create(console));
        root.Add(PackageCommands.Create(console));
        root.Add(InstanceCommands.Create(console));
        root.Add(WorkspaceCommands.Create(console));
        root.Add(TokenCommands.Create(console));
        return root;
    }

    // Scripts read stdout as JSON, so even a usage error prints one; people get the help on stderr.
    private static async Task<int> ReportUsageErrorAsync(ParseResult parseResult, CliConsole console,
                                                         CancellationToken cancellationToken)
    {
        var messages = parseResult.Errors.Select(error => error.Message).ToList();
        await console.Output.WriteErrorAsync(
            CliErrorCodes.UsageError,
            string.Join("; ", messages),
            new JsonObject { ["errors"] = new JsonArray(messages.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()) });
        await parseResult.InvokeAsync(
            new InvocationConfiguration { Output = console.Error, Error = console.Error }, cancellationToken);
        return CliExitCodes.UsageError;
    }
}
