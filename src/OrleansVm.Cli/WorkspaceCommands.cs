using System.CommandLine;
using OrleansVm.Client.Models;

namespace OrleansVm.Cli;

/// <summary><c>orleansvm workspace create|list|grant</c> (operator token).</summary>
internal static class WorkspaceCommands
{
    public static Command Create(CliConsole console)
    {
        var workspace = new Command("workspace", "Workspaces and their grants (operator)");
        var options = new ClusterOptions();
        options.AddTo(workspace);
        workspace.Add(CreateCreate(console, options));
        workspace.Add(CreateList(console, options));
        workspace.Add(CreateGrant(console, options));
        return workspace;
    }

    private static Command CreateCreate(CliConsole console, ClusterOptions options)
    {
        var command = new Command("create", "Create a workspace");
        var id = new Argument<string>("workspaceId") { Description = "The new workspace's id" };
        command.Add(id);
        command.SetAction((parseResult, cancellationToken) => ClusterRunner.RunAsync(console, options, parseResult, async (client, ct) =>
        {
            var created = await client.CreateWorkspaceAsync(parseResult.GetRequiredValue(id), ct);
            return new ClusterResult(created, $"workspace {created.WorkspaceId} created");
        }, cancellationToken));
        return command;
    }

    private static Command CreateList(CliConsole console, ClusterOptions options)
    {
        var command = new Command("list", "List the workspaces");
        command.SetAction((parseResult, cancellationToken) => ClusterRunner.RunAsync(console, options, parseResult, async (client, ct) =>
        {
            var workspaces = await client.ListWorkspacesAsync(ct);
            return new ClusterResult(workspaces, string.Join(Environment.NewLine, workspaces.Select(w => $"{w.WorkspaceId}  created {w.CreatedAt:O}")));
        }, cancellationToken));
        return command;
    }

    private static Command CreateGrant(CliConsole console, ClusterOptions options)
    {
        var command = new Command("grant", "Set what a package may use in a workspace (replaces its grant)");
        var ws = new Argument<string>("workspaceId") { Description = "The workspace" };
        var packageId = new Argument<string>("packageId") { Description = "The package" };
        var read = NameList("--read", "A shared domain it may read (repeatable)");
        var write = NameList("--write", "A shared domain it may write (repeatable)");
        var modules = NameList("--module", "A native module it may import (repeatable)");
        command.Add(ws);
        command.Add(packageId);
        command.Add(read);
        command.Add(write);
        command.Add(modules);
        command.SetAction((parseResult, cancellationToken) => ClusterRunner.RunAsync(console, options, parseResult, async (client, ct) =>
        {
            var grants = new Grants(parseResult.GetValue(read) ?? [], parseResult.GetValue(write) ?? [], parseResult.GetValue(modules) ?? []);
            var stored = await client.PutGrantsAsync(parseResult.GetRequiredValue(ws), parseResult.GetRequiredValue(packageId), grants, ct);
            return new ClusterResult(stored,
                $"{stored.PackageId}: read [{string.Join(", ", stored.ReadShared)}], write [{string.Join(", ", stored.WriteShared)}], modules [{string.Join(", ", stored.Modules)}]");
        }, cancellationToken));
        return command;
    }

    private static Option<string[]> NameList(string name, string description) =>
        new(name) { Description = description, AllowMultipleArgumentsPerToken = false };
}
