// Greeter shared state: shows the name the greeter instances published to the workspace.
definePlugin(({ ui }) => {
  const sharedName = (globalState) => {
    const name = globalState?.shared?.['greeter-profile']?.name;
    return typeof name === 'string' ? name.trim() : '';
  };

  return {
    id: 'greeter-shared-state',
    title: 'Greeter Shared State',
    description: 'Shows the greeter name shared in the workspace',
    widgets: {
      sharedGreeter: {
        render({ globalState }) {
          const name = sharedName(globalState);
          return ui.panel([
            ui.text("Reads globalState.shared['greeter-profile']"),
            ui.badge(name ? 'SYNCED' : 'NO NAME'),
            ui.text(name ? `Shared greeting: Hello, ${name}!` : 'Shared greeting: (empty)'),
          ]);
        },
        handlers: {},
      },
    },
  };
});
