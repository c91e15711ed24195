// Counter: a local count that also reports itself to the shared counter-summary domain.
definePlugin(function (ctx) {
  var ui = ctx.ui;

  // Shared state may be missing (no read grant) or malformed: fall back to 0.
  function toNumber(value) {
    var n = Number(value);
    return isFinite(n) ? n : 0;
  }

  function currentValue(state) {
    return toNumber(state && state.value);
  }

  function counterSummary(globalState) {
    var shared = (globalState && globalState.shared) || {};
    return shared['counter-summary'] || {};
  }

  return {
    id: 'counter',
    title: 'Counter',
    description: 'A local counter that reports its value to the shared counter summary',
    initialState: { value: 0 },
    reducers: {
      increment: function (state) { return { value: currentValue(state) + 1 }; },
      decrement: function (state) { return { value: currentValue(state) - 1 }; },
      reset: function () { return { value: 0 }; }
    },
    widgets: {
      counter: {
        render: function (props) {
          var summary = counterSummary(props.globalState);
          return ui.panel([
            ui.text('Counter: ' + currentValue(props.pluginState)),
            ui.row([
              ui.badge('Shared total: ' + toNumber(summary.totalValue)),
              ui.badge('Instances: ' + toNumber(summary.instanceCount))
            ]),
            ui.row([
              ui.button('Decrement', { onClick: { handler: 'decrement' } }),
              ui.button('Reset', { onClick: { handler: 'reset' }, variant: 'destructive' }),
              ui.button('Increment', { onClick: { handler: 'increment' } })
            ])
          ]);
        },
        handlers: {
          // Each handler sends the value the reducer will produce, so the shared
          // summary always matches the local state after the event.
          increment: function (h) {
            h.dispatchPluginAction('increment');
            h.dispatchSharedAction('counter-summary', 'set-instance', { value: currentValue(h.pluginState) + 1 });
          },
          decrement: function (h) {
            h.dispatchPluginAction('decrement');
            h.dispatchSharedAction('counter-summary', 'set-instance', { value: currentValue(h.pluginState) - 1 });
          },
          reset: function (h) {
            h.dispatchPluginAction('reset');
            h.dispatchSharedAction('counter-summary', 'set-instance', { value: 0 });
          }
        }
      }
    }
  };
});
