using System.CommandLine;
using System.Text.Json.Nodes;

namespace OrleansVm.Cli;

/// <summary><c>--plugin-state</c> and <c>--global-state</c>, taken by render and event.</summary>
internal sealed class StateOptions
{
    public Option<JsonArgument?> PluginState { get; } =
        JsonOption.Any("--plugin-state", "The plugin's local state (default: its initialState)");

    public Option<JsonArgument?> GlobalState { get; } =
        JsonOption.Object("--global-state", "The globalState {self, shared} (default: a local instance, no shared domains)");

    public void AddTo(Command command)
    {
        command.Add(PluginState);
        command.Add(GlobalState);
    }

    /// <summary>The given plugin state, or null when the plugin's initialState should be used.</summary>
    public JsonArgument? GivenPluginState(ParseResult parseResult) => parseResult.GetValue(PluginState);

    public JsonObject GlobalStateOrDefault(ParseResult parseResult, string filePath) =>
        parseResult.GetValue(GlobalState)?.Node?.AsObject() ?? DefaultGlobalState.For(filePath);
}
