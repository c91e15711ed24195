// Status dashboard: a read-only overview of the workspace's runtime metrics and shared counter.
definePlugin(function (ctx) {
  var ui = ctx.ui;

  // A domain this instance may not read is simply absent from globalState.shared.
  function sharedDomain(globalState, domain) {
    var shared = (globalState && globalState.shared) || {};
    var value = shared[domain];
    return value === undefined || value === null ? null : value;
  }

  function toNumber(value) {
    var n = Number(value);
    return isFinite(n) ? n : 0;
  }

  function orDash(value) {
    return value === undefined || value === null || value === '' ? '-' : String(value);
  }

  return {
    id: 'status-dashboard',
    title: 'Status Dashboard',
    description: 'Runtime metrics and shared counter overview',
    widgets: {
      status: {
        render: function (props) {
          var metrics = sharedDomain(props.globalState, 'runtime-metrics') || {};
          var counter = sharedDomain(props.globalState, 'counter-summary') || {};
          var registry = sharedDomain(props.globalState, 'runtime-registry');
          var instances = Array.isArray(registry) ? registry : [];
          var pluginCount = toNumber(metrics.pluginCount);
          var sharedTotal = toNumber(counter.totalValue);
          var dispatchCount = toNumber(metrics.dispatchCount);
          var lastAction = metrics.lastActionType ? orDash(metrics.lastScope) + ' ' + metrics.lastActionType : '-';

          return ui.panel([
            ui.text('System Status'),
            ui.row([
              ui.badge('Plugins: ' + pluginCount),
              ui.badge('Shared Counter: ' + sharedTotal),
              ui.badge('Dispatches: ' + dispatchCount)
            ]),
            ui.table([
              ['Plugin Count', String(pluginCount)],
              ['Registered Instances', String(instances.length)],
              ['Shared Counter Total', String(sharedTotal)],
              ['Counter Instances', String(toNumber(counter.instanceCount))],
              ['Dispatch Count', String(dispatchCount)],
              ['Last Action', lastAction],
              ['Last Outcome', orDash(metrics.lastOutcome)]
            ], { headers: ['Metric', 'Value'] })
          ]);
        },
        handlers: {}
      }
    }
  };
});
