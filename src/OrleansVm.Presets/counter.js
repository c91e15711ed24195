// Counter: a local count that also reports itself to the shared counter-summary domain.
definePlugin(({ ui }) => {
  // Shared state may be missing (no read grant) or malformed: fall back to 0.
  const toNumber = (value) => {
    const n = Number(value);
    return Number.isFinite(n) ? n : 0;
  };
  const currentValue = (state) => toNumber(state?.value);
  const counterSummary = (globalState) => globalState?.shared?.['counter-summary'] ?? {};

  // Each handler sends the value the reducer will produce, so the shared
  // summary always matches the local state after the event.
  const report = (h, action, value) => {
    h.dispatchPluginAction(action);
    h.dispatchSharedAction('counter-summary', 'set-instance', { value });
  };

  return {
    id: 'counter',
    title: 'Counter',
    description: 'A local counter that reports its value to the shared counter summary',
    initialState: { value: 0 },
    reducers: {
      increment: (state) => ({ value: currentValue(state) + 1 }),
      decrement: (state) => ({ value: currentValue(state) - 1 }),
      reset: () => ({ value: 0 }),
    },
    widgets: {
      counter: {
        render({ pluginState, globalState }) {
          const { totalValue, instanceCount } = counterSummary(globalState);
          return ui.panel([
            ui.text(`Counter: ${currentValue(pluginState)}`),
            ui.row([
              ui.badge(`Shared total: ${toNumber(totalValue)}`),
              ui.badge(`Instances: ${toNumber(instanceCount)}`),
            ]),
            ui.row([
              ui.button('Decrement', { onClick: { handler: 'decrement' } }),
              ui.button('Reset', { onClick: { handler: 'reset' }, variant: 'destructive' }),
              ui.button('Increment', { onClick: { handler: 'increment' } }),
            ]),
          ]);
        },
        handlers: {
          increment: (h) => report(h, 'increment', currentValue(h.pluginState) + 1),
          decrement: (h) => report(h, 'decrement', currentValue(h.pluginState) - 1),
          reset: (h) => report(h, 'reset', 0),
        },
      },
    },
  };
});
