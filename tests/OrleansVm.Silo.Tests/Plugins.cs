namespace OrleansVm.Silo.Tests;

/// <summary>Small ES5 plugins for tests.</summary>
public static class Plugins
{
    public const string Echo = """
        definePlugin(function (ctx) {
          var ui = ctx.ui;
          return {
            title: 'Echo',
            initialState: { last: '' },
            reducers: { set: function (state, payload) { return { last: payload }; } },
            widgets: {
              main: {
                render: function (props) { console.log('render ' + props.pluginState.last); return ui.text('Last: ' + props.pluginState.last); },
                handlers: { say: function (h, args) { h.dispatchPluginAction('set', args.text); } }
              }
            }
          };
        });
        """;

    /// <summary>Loads fine; its render never ends.</summary>
    public const string RunawayRender = """
        definePlugin(function (ctx) {
          return {
            title: 'Runaway',
            widgets: { main: { render: function () { while (true) {} }, handlers: { spin: function () { while (true) {} } } } }
          };
        });
        """;

    /// <summary>Tries to write the shared counter summary (the workspace decides whether it may).</summary>
    public const string SharedWriter = """
        definePlugin(function (ctx) {
          var ui = ctx.ui;
          return {
            title: 'Shared writer',
            widgets: {
              main: {
                render: function () { return ui.text('writer'); },
                handlers: { write: function (h) { h.dispatchSharedAction('counter-summary', 'set-instance', { value: 42 }); } }
              }
            }
          };
        });
        """;

    public const string DoesNotLoad = "definePlugin(42);";
}
