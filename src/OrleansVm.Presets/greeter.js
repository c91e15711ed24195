// Greeter: greets the name typed in its input and publishes it to the shared greeter profile.
definePlugin(function (ctx) {
  var ui = ctx.ui;

  function nameOf(state) {
    var name = state && state.name;
    return typeof name === 'string' ? name : '';
  }

  function trim(text) {
    return text.replace(/^\s+|\s+$/g, '');
  }

  return {
    id: 'greeter',
    title: 'Greeter',
    description: 'Greets you by name and shares the name with the workspace',
    initialState: { name: '' },
    reducers: {
      setName: function (state, payload) {
        return { name: typeof payload === 'string' ? payload : '' };
      }
    },
    widgets: {
      greeter: {
        render: function (props) {
          var name = nameOf(props.pluginState);
          var shown = trim(name);
          return ui.panel([
            ui.text(shown ? 'Hello, ' + shown + '!' : 'Enter your name...'),
            ui.input(name, { placeholder: 'Your name', onChange: { handler: 'updateName' } })
          ]);
        },
        handlers: {
          // An input's change event carries {value}.
          updateName: function (h, args) {
            var value = args && args.value;
            var name = value === undefined || value === null ? '' : String(value);
            h.dispatchPluginAction('setName', name);
            h.dispatchSharedAction('greeter-profile', 'set-name', name);
          }
        }
      }
    }
  };
});
