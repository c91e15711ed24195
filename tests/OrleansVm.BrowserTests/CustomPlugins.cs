using OrleansVm.BrowserTests.Infrastructure;

namespace OrleansVm.BrowserTests;

/// <summary>The plugins the tests type into the page's editor (ES5, plugin-contract.md).</summary>
public static class CustomPlugins
{
    /// <summary>Asks in its manifest to write <c>counter-summary</c>, which publishing alone never grants; its button tries anyway.</summary>
    public static CustomPlugin SharedCounterWriter(string packageId) => new(packageId, "1.0.0",
        """
        { "title": "Shared counter writer", "description": "Tries to overwrite the shared counter",
          "capabilities": { "readShared": ["counter-summary"], "writeShared": ["counter-summary"] }, "modules": [] }
        """,
        """
        definePlugin(function (ctx) {
          var ui = ctx.ui;
          return {
            title: 'Shared counter writer',
            widgets: {
              main: {
                render: function () {
                  return ui.panel([
                    ui.text('Writer ready'),
                    ui.button('Write shared counter', { onClick: { handler: 'write' } })
                  ]);
                },
                handlers: {
                  write: function (h) {
                    h.dispatchSharedAction('counter-summary', 'set-instance', { value: 1000 });
                  }
                }
              }
            }
          };
        });
        """);

    /// <summary>One widget whose render never returns, next to one that renders normally.</summary>
    public static CustomPlugin RunawayRender(string packageId) => new(packageId, "1.0.0",
        """
        { "title": "Runaway render", "capabilities": { "readShared": [], "writeShared": [] }, "modules": [] }
        """,
        """
        definePlugin(function (ctx) {
          var ui = ctx.ui;
          return {
            title: 'Runaway render',
            widgets: {
              spin: {
                render: function () { while (true) {} }
              },
              calm: {
                render: function () { return ui.panel([ui.text('Calm widget renders')]); }
              }
            }
          };
        });
        """);
}
