namespace OrleansVm.Grains.Tests;

/// <summary>Plugins and domains written for these tests (ES5).</summary>
public static class TestCode
{
    /// <summary>Adds to the custom `tally` domain (not idempotent, so a double apply shows), uses kv, logs, and can spin forever.</summary>
    public const string TallyPlugin = """
        definePlugin(function (ctx) {
          var ui = ctx.ui;
          return {
            title: 'Tally',
            initialState: { clicks: 0 },
            reducers: { clicked: function (s) { return { clicks: s.clicks + 1 }; } },
            widgets: {
              main: {
                render: function (props) {
                  var kv = require('kv');
                  return ui.panel([
                    ui.text('Clicks: ' + props.pluginState.clicks),
                    ui.text('Shared: ' + JSON.stringify(props.globalState.shared)),
                    ui.text('Self: ' + JSON.stringify(props.globalState.self)),
                    ui.text('Kv: ' + JSON.stringify(kv.get('k') === undefined ? null : kv.get('k')))
                  ]);
                },
                handlers: {
                  add: function (h, args) {
                    h.dispatchPluginAction('clicked');
                    h.dispatchSharedAction('tally', 'add', (args && args.n) || 1);
                  },
                  addTwice: function (h) {
                    h.dispatchSharedAction('tally', 'add', 1);
                    h.dispatchSharedAction('tally', 'add', 1);
                  },
                  bad: function (h) { h.dispatchSharedAction('tally', 'add', 'not a number'); },
                  unknownAction: function (h) { h.dispatchSharedAction('tally', 'nope', 1); },
                  toCounter: function (h) { h.dispatchSharedAction('counter-summary', 'set-instance', { value: 1000 }); },
                  toRegistry: function (h) { h.dispatchSharedAction('runtime-registry', 'anything', 1); },
                  toMissing: function (h) { h.dispatchSharedAction('no-such-domain', 'add', 1); },
                  kvSet: function (h, args) {
                    h.dispatchPluginAction('clicked');
                    require('kv').set(args.key, args.value);
                    if (args.fail) { throw new Error('failed after kv.set'); }
                  },
                  log: function (h, args) { console.log('line', args.n); console.warn('warned'); },
                  spin: function () { while (true) {} }
                }
              }
            }
          };
        });
        """;

    /// <summary>A custom domain: a running total of numeric payloads; readers see only the total.</summary>
    public const string TallyDomain = """
        defineDomain({
          initialState: { total: 0, adds: 0 },
          reducers: {
            add: function (state, action) {
              if (typeof action.payload !== 'number') { throw new Error('payload must be a number'); }
              return { total: state.total + action.payload, adds: state.adds + 1, lastBy: action.instanceId };
            }
          },
          project: function (state) { return { total: state.total }; }
        });
        """;

    public static PackageManifest TallyManifest(bool writeTally = true, bool readTally = true) => new(
        null, null,
        new CapabilityRequest(readTally ? ["tally", "counter-summary"] : [], writeTally ? ["tally", "counter-summary", "runtime-registry", "no-such-domain"] : []),
        ["kv"]);
}
