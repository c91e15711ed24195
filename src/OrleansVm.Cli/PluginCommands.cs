using System.CommandLine;
using System.Text.Json.Nodes;
using OrleansVm.Sandbox;

namespace OrleansVm.Cli;

/// <summary><c>orleansvm plugin validate|render|event</c>: plugin authoring without a server (cli.md).</summary>
internal static class PluginCommands
{
    public static Command Create(CliConsole console)
    {
        var plugin = new Command("plugin", "Check a plugin locally, in the same sandbox and limits as the silo");
        plugin.Add(CreateValidate(console));
        plugin.Add(CreateRender(console));
        plugin.Add(CreateEvent(console));
        return plugin;
    }

    private static Command CreateValidate(CliConsole console)
    {
        var command = new Command("validate", "Load the plugin and print its metadata");
        var sandbox = new SandboxCommandOptions();
        sandbox.AddTo(command);

        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(console, async token =>
        {
            var settings = sandbox.Read(parseResult);
            var metadata = await new PluginRunner(settings, console)
                .RunAsync(plugin => plugin.Metadata, TimeSpan.Zero, token);
            return new JsonObject { ["meta"] = SandboxJson.Metadata(metadata) };
        }, cancellationToken));
        return command;
    }

    private static Command CreateRender(CliConsole console)
    {
        var command = new Command("render", "Render one widget and print its UI tree");
        var sandbox = new SandboxCommandOptions();
        var widget = new Argument<string>("widgetId") { Description = "The widget to render" };
        var state = new StateOptions();
        sandbox.AddTo(command);
        command.Add(widget);
        state.AddTo(command);

        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(console, async token =>
        {
            var settings = sandbox.Read(parseResult);
            var widgetId = parseResult.GetRequiredValue(widget);
            var pluginState = state.GivenPluginState(parseResult);
            var globalState = state.GlobalStateOrDefault(parseResult, settings.FilePath);
            var tree = await new PluginRunner(settings, console).RunAsync(
                plugin => plugin.Render(widgetId, pluginState is null ? plugin.Metadata.InitialState : pluginState.Node,
                                        globalState),
                settings.Limits.RenderTimeout,
                token);
            return new JsonObject { ["tree"] = tree };
        }, cancellationToken));
        return command;
    }

    private static Command CreateEvent(CliConsole console)
    {
        var command = new Command("event", "Run one handler and print its intents and the new local state");
        var sandbox = new SandboxCommandOptions();
        var widget = new Argument<string>("widgetId") { Description = "The widget whose handler runs" };
        var handler = new Argument<string>("handler") { Description = "The handler to run" };
        var args = JsonOption.Any("--args", "The event's arguments (an input's change sends {\"value\": ...})");
        var state = new StateOptions();
        sandbox.AddTo(command);
        command.Add(widget);
        command.Add(handler);
        command.Add(args);
        state.AddTo(command);

        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(console, async token =>
        {
            var settings = sandbox.Read(parseResult);
            var widgetId = parseResult.GetRequiredValue(widget);
            var handlerName = parseResult.GetRequiredValue(handler);
            var eventArgs = parseResult.GetValue(args)?.Node;
            var pluginState = state.GivenPluginState(parseResult);
            var globalState = state.GlobalStateOrDefault(parseResult, settings.FilePath);
            var result = await new PluginRunner(settings, console).RunAsync(
                plugin => plugin.HandleEvent(widgetId, handlerName, eventArgs,
                                             pluginState is null ? plugin.Metadata.InitialState : pluginState.Node,
                                             globalState, kv: new JsonObject()),
                settings.Limits.EventTimeout,
                token);
            await ReportIgnoredActionsAsync(result, console.Error);
            return new JsonObject
            {
                ["intents"] = SandboxJson.Intents(result.Intents),
                ["pluginState"] = result.NewState,
                ["kv"] = result.Kv,
            };
        }, cancellationToken));
        return command;
    }

    // An action without a reducer silently changes nothing: tell the author, outside the JSON result.
    private static async Task ReportIgnoredActionsAsync(EventResult result, TextWriter error)
    {
        foreach (var local in result.LocalResults.Where(local => local.Outcome != LocalActionResult.Applied))
            await error.WriteLineAsync($"note: plugin action '{local.Intent.ActionType}' {local.Outcome} ({local.Reason})");
    }
}
