// Runtime monitor: the workspace's plugin instances, from the read-only runtime-registry domain.
definePlugin(({ ui }) => {
  const registryOf = (globalState) => {
    const registry = globalState?.shared?.['runtime-registry'];
    return Array.isArray(registry) ? registry : [];
  };
  const textOf = (value) => (value === undefined || value === null ? '' : String(value));
  const rowOf = ({ instanceId, packageId, status, enabled, widgets } = {}) => [
    textOf(instanceId),
    textOf(packageId),
    textOf(status),
    enabled ? 'YES' : 'NO',
    String(Number.isFinite(Number(widgets)) ? Number(widgets) : 0),
  ];

  return {
    id: 'runtime-monitor',
    title: 'Runtime Monitor',
    description: 'Lists the plugin instances running in the workspace',
    widgets: {
      monitor: {
        render({ globalState }) {
          const registry = registryOf(globalState);
          return ui.panel([
            ui.text('Plugin Registry'),
            ui.text(`Total: ${registry.length} plugins`),
            ui.table(registry.map((entry) => rowOf(entry ?? {})), { headers: ['Instance', 'Package', 'Status', 'Enabled', 'Widgets'] }),
          ]);
        },
        handlers: {},
      },
    },
  };
});
