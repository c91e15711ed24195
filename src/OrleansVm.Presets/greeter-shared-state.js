// Greeter shared state: shows the name the greeter instances published to the workspace.
definePlugin(function (ctx) {
  var ui = ctx.ui;

  function sharedName(globalState) {
    var shared = (globalState && globalState.shared) || {};
    var profile = shared['greeter-profile'] || {};
    var name = typeof profile.name === 'string' ? profile.name : '';
    return name.replace(/^\s+|\s+$/g, '');
  }

  return {
    id: 'greeter-shared-state',
    title: 'Greeter Shared State',
    description: 'Shows the greeter name shared in the workspace',
    widgets: {
      sharedGreeter: {
        render: function (props) {
          var name = sharedName(props.globalState);
          return ui.panel([
            ui.text("Reads globalState.shared['greeter-profile']"),
            ui.badge(name ? 'SYNCED' : 'NO NAME'),
            ui.text(name ? 'Shared greeting: Hello, ' + name + '!' : 'Shared greeting: (empty)')
          ]);
        },
        handlers: {}
      }
    }
  };
});
