// Greeter: greets the name typed in its input and publishes it to the shared greeter profile.
definePlugin(({ ui }) => {
  const nameOf = (state) => (typeof state?.name === 'string' ? state.name : '');

  return {
    id: 'greeter',
    title: 'Greeter',
    description: 'Greets you by name and shares the name with the workspace',
    initialState: { name: '' },
    reducers: {
      setName: (state, payload) => ({ name: typeof payload === 'string' ? payload : '' }),
    },
    widgets: {
      greeter: {
        render({ pluginState }) {
          const name = nameOf(pluginState);
          const shown = name.trim();
          return ui.panel([
            ui.text(shown ? `Hello, ${shown}!` : 'Enter your name...'),
            ui.input(name, { placeholder: 'Your name', onChange: { handler: 'updateName' } }),
          ]);
        },
        handlers: {
          // An input's change event carries {value}.
          updateName(h, args) {
            const name = String(args?.value ?? '');
            h.dispatchPluginAction('setName', name);
            h.dispatchSharedAction('greeter-profile', 'set-name', name);
          },
        },
      },
    },
  };
});
