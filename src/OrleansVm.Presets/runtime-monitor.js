// Runtime monitor: the workspace's plugin instances, from the read-only runtime-registry domain.
definePlugin(function (ctx) {
  var ui = ctx.ui;

  function registryOf(globalState) {
    var shared = (globalState && globalState.shared) || {};
    var registry = shared['runtime-registry'];
    return Array.isArray(registry) ? registry : [];
  }

  function textOf(value) {
    return value === undefined || value === null ? '' : String(value);
  }

  function rowOf(entry) {
    var e = entry || {};
    return [
      textOf(e.instanceId),
      textOf(e.packageId),
      textOf(e.status),
      e.enabled ? 'YES' : 'NO',
      String(isFinite(Number(e.widgets)) ? Number(e.widgets) : 0)
    ];
  }

  return {
    id: 'runtime-monitor',
    title: 'Runtime Monitor',
    description: 'Lists the plugin instances running in the workspace',
    widgets: {
      monitor: {
        render: function (props) {
          var registry = registryOf(props.globalState);
          var rows = [];
          for (var i = 0; i < registry.length; i++) { rows.push(rowOf(registry[i])); }
          return ui.panel([
            ui.text('Plugin Registry'),
            ui.text('Total: ' + registry.length + ' plugins'),
            ui.table(rows, { headers: ['Instance', 'Package', 'Status', 'Enabled', 'Widgets'] })
          ]);
        },
        handlers: {}
      }
    }
  };
});
