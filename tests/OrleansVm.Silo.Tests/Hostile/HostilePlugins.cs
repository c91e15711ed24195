namespace OrleansVm.Silo.Tests.Hostile;

/// <summary>Plugins a hostile tenant would publish (issue 12's examples).</summary>
public static class HostilePlugins
{
    /// <summary>Dispatches <c>args.n</c> shared intents naming a domain of <c>args.length</c> characters.</summary>
    public const string LongDomain = """
        definePlugin(function (ctx) {
          return {
            title: 'Long domain',
            widgets: { main: {
              render: function () { return ctx.ui.text('x'); },
              handlers: { flood: function (h, args) {
                var name = 'd'.repeat(args.length);
                for (var i = 0; i < args.n; i++) h.dispatchSharedAction(name, 'set', { i: i });
              } }
            } }
          };
        });
        """;

    /// <summary>Writes <c>args.value</c> into counter-summary (set-instance), as the counter preset does.</summary>
    public const string CounterWriter = """
        definePlugin(function (ctx) {
          return {
            title: 'Counter writer',
            widgets: { main: {
              render: function () { return ctx.ui.text('x'); },
              handlers: { put: function (h, args) { h.dispatchSharedAction('counter-summary', 'set-instance', { value: args.value }); } }
            } }
          };
        });
        """;
}
