using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using OrleansVm.Client;

namespace OrleansVm.Cli;

/// <summary><c>orleansvm instance create|list|render|event|logs|delete</c>: the client routes of http-api.md.</summary>
internal static class InstanceCommands
{
    public static Command Create(CliConsole console)
    {
        var instance = new Command("instance", "Plugin instances of a workspace on a silo");
        var options = new ClusterOptions();
        var workspace = WorkspaceOption.Create();
        options.AddTo(instance);
        instance.Add(workspace);
        var context = new InstanceContext(console, options, workspace);
        instance.Add(CreateCreate(context));
        instance.Add(CreateList(context));
        instance.Add(CreateRender(context));
        instance.Add(CreateEvent(context));
        instance.Add(CreateLogs(context));
        instance.Add(CreateDelete(context));
        return instance;
    }

    private sealed record InstanceContext(CliConsole Console, ClusterOptions Options, Option<string?> Workspace)
    {
        public void SetAction(Command command, Func<ParseResult, OrleansVmClient, string, CancellationToken, Task<ClusterResult>> work) =>
            command.SetAction((parseResult, cancellationToken) => ClusterRunner.RunAsync(Console, Options, parseResult,
                (client, ct) => work(parseResult, client, WorkspaceOption.Read(parseResult, Workspace), ct), cancellationToken));
    }

    private static Argument<string> InstanceId() => new("instanceId") { Description = "The instance, e.g. counter@AbCd1234" };

    private static Command CreateCreate(InstanceContext context)
    {
        var command = new Command("create", "Create an instance of a package (its latest version unless --version)");
        var packageId = new Argument<string>("packageId") { Description = "The package" };
        var version = new Option<string?>("--version") { Description = "A published version" };
        command.Add(packageId);
        command.Add(version);
        context.SetAction(command, async (parseResult, client, ws, ct) =>
        {
            var created = await client.CreateInstanceAsync(ws, parseResult.GetRequiredValue(packageId), parseResult.GetValue(version), ct);
            return new ClusterResult(created, $"{created.InstanceId} created ({created.PackageId} {created.Version}, widgets {string.Join(", ", created.Widgets)})");
        });
        return command;
    }

    private static Command CreateList(InstanceContext context)
    {
        var command = new Command("list", "List the workspace's instances");
        context.SetAction(command, async (_, client, ws, ct) =>
        {
            var instances = await client.ListInstancesAsync(ws, ct);
            var text = instances.Count == 0
                ? $"no instances in {ws}"
                : string.Join(Environment.NewLine, instances.Select(i => $"{i.InstanceId}  {i.PackageId} {i.Version}  {i.Status}  widgets {string.Join(", ", i.Widgets)}"));
            return new ClusterResult(instances, text);
        });
        return command;
    }

    private static Command CreateRender(InstanceContext context)
    {
        var command = new Command("render", "Render a widget and print its UI tree");
        var instanceId = InstanceId();
        var widget = new Option<string?>("--widget") { Description = "The widget (default: the instance's first)" };
        command.Add(instanceId);
        command.Add(widget);
        context.SetAction(command, async (parseResult, client, ws, ct) =>
        {
            var id = parseResult.GetRequiredValue(instanceId);
            var widgetId = parseResult.GetValue(widget) ?? await FirstWidgetAsync(client, ws, id, ct);
            var rendered = await client.RenderAsync(ws, id, widgetId, ct);
            return new ClusterResult(rendered, UiTreeText.Format(rendered.Tree));
        });
        return command;
    }

    private static Command CreateEvent(InstanceContext context)
    {
        var command = new Command("event", "Run a widget's handler and print what its intents did");
        var instanceId = InstanceId();
        var handler = new Argument<string>("handler") { Description = "The handler, e.g. increment" };
        var widget = new Option<string?>("--widget") { Description = "The widget (default: the instance's first)" };
        var args = JsonOption.Any("--args", "The handler's arguments as JSON");
        command.Add(instanceId);
        command.Add(handler);
        command.Add(widget);
        command.Add(args);
        context.SetAction(command, async (parseResult, client, ws, ct) =>
        {
            var id = parseResult.GetRequiredValue(instanceId);
            var widgetId = parseResult.GetValue(widget) ?? await FirstWidgetAsync(client, ws, id, ct);
            var outcome = await client.SendEventAsync(ws, id, widgetId, parseResult.GetRequiredValue(handler), parseResult.GetValue(args)?.Node, ct);
            var text = new StringBuilder();
            foreach (var d in outcome.Dispatches)
            {
                text.Append(d.Outcome).Append(": ").Append(d.Scope).Append(' ').Append(d.ActionType);
                if (d.Domain is not null) text.Append(" on ").Append(d.Domain);
                if (d.Reason is not null) text.Append(" (").Append(d.Reason).Append(')');
                text.AppendLine();
            }
            text.Append("state: ").Append(outcome.State?.ToJsonString() ?? "null");
            return new ClusterResult(outcome, text.ToString());
        });
        return command;
    }

    private static Command CreateLogs(InstanceContext context)
    {
        var command = new Command("logs", "Print the instance's console lines");
        var instanceId = InstanceId();
        command.Add(instanceId);
        context.SetAction(command, async (parseResult, client, ws, ct) =>
        {
            var lines = await client.GetLogsAsync(ws, parseResult.GetRequiredValue(instanceId), ct);
            return new ClusterResult(lines, string.Join(Environment.NewLine, lines.Select(l => $"{l.Timestamp:O} {l.Level,-5} {l.Message}")));
        });
        return command;
    }

    private static Command CreateDelete(InstanceContext context)
    {
        var command = new Command("delete", "Delete an instance");
        var instanceId = InstanceId();
        command.Add(instanceId);
        context.SetAction(command, async (parseResult, client, ws, ct) =>
        {
            var id = parseResult.GetRequiredValue(instanceId);
            await client.DeleteInstanceAsync(ws, id, ct);
            return new ClusterResult(new JsonObject { ["deleted"] = id }, $"{id} deleted");
        });
        return command;
    }

    private static async Task<string> FirstWidgetAsync(OrleansVmClient client, string ws, string instanceId, CancellationToken ct)
    {
        var info = await client.GetInstanceAsync(ws, instanceId, ct);
        return info.Widgets.Count > 0
            ? info.Widgets[0]
            : throw new CliUsageException(CliErrorCodes.UsageError, $"{instanceId} has no widgets");
    }
}
