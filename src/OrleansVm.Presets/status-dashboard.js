// Status dashboard: a read-only overview of the workspace's runtime metrics and shared counter.
definePlugin(({ ui }) => {
  // A domain this instance may not read is simply absent from globalState.shared.
  const sharedDomain = (globalState, domain) => globalState?.shared?.[domain] ?? null;
  const toNumber = (value) => {
    const n = Number(value);
    return Number.isFinite(n) ? n : 0;
  };
  const orDash = (value) => (value === undefined || value === null || value === '' ? '-' : String(value));

  return {
    id: 'status-dashboard',
    title: 'Status Dashboard',
    description: 'Runtime metrics and shared counter overview',
    widgets: {
      status: {
        render({ globalState }) {
          const metrics = sharedDomain(globalState, 'runtime-metrics') ?? {};
          const counter = sharedDomain(globalState, 'counter-summary') ?? {};
          const registry = sharedDomain(globalState, 'runtime-registry');
          const instances = Array.isArray(registry) ? registry : [];
          const pluginCount = toNumber(metrics.pluginCount);
          const sharedTotal = toNumber(counter.totalValue);
          const dispatchCount = toNumber(metrics.dispatchCount);
          const lastAction = metrics.lastActionType ? `${orDash(metrics.lastScope)} ${metrics.lastActionType}` : '-';

          return ui.panel([
            ui.text('System Status'),
            ui.row([
              ui.badge(`Plugins: ${pluginCount}`),
              ui.badge(`Shared Counter: ${sharedTotal}`),
              ui.badge(`Dispatches: ${dispatchCount}`),
            ]),
            ui.table([
              ['Plugin Count', String(pluginCount)],
              ['Registered Instances', String(instances.length)],
              ['Shared Counter Total', String(sharedTotal)],
              ['Counter Instances', String(toNumber(counter.instanceCount))],
              ['Dispatch Count', String(dispatchCount)],
              ['Last Action', lastAction],
              ['Last Outcome', orDash(metrics.lastOutcome)],
            ], { headers: ['Metric', 'Value'] }),
          ]);
        },
        handlers: {},
      },
    },
  };
});
