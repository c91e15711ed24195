/** The editor's starting plugin: ES5 (Jint 2.10), see plugin-contract.md. */
export const SAMPLE_CODE = `definePlugin(function (ctx) {
  var ui = ctx.ui;
  return {
    id: 'my-plugin',
    title: 'My Plugin',
    description: 'A custom plugin from the playground editor',
    initialState: { clicks: 0, note: '' },
    reducers: {
      click: function (state) { return { clicks: state.clicks + 1, note: state.note }; },
      note: function (state, payload) { return { clicks: state.clicks, note: String(payload) }; }
    },
    widgets: {
      main: {
        render: function (props) {
          var s = props.pluginState;
          var shared = props.globalState.shared['counter-summary'];
          return ui.panel([
            ui.row([ui.text('Clicks: ' + s.clicks), ui.badge(shared ? 'Shared total: ' + shared.totalValue : 'no read grant')]),
            ui.input(s.note, { placeholder: 'Write a note', onChange: { handler: 'note' } }),
            ui.row([
              ui.button('Click', { onClick: { handler: 'click' } }),
              ui.button('Write shared counter', { variant: 'secondary', onClick: { handler: 'share' } })
            ])
          ]);
        },
        handlers: {
          click: function (h) { h.dispatchPluginAction('click'); },
          note: function (h, args) { h.dispatchPluginAction('note', args.value); },
          share: function (h) {
            // denied unless an operator grants writeShared counter-summary to this package
            h.dispatchSharedAction('counter-summary', 'set-instance', { value: h.pluginState.clicks });
          }
        }
      }
    }
  };
});
`;

export const SAMPLE_MANIFEST = `{
  "title": "My Plugin",
  "description": "A custom plugin from the playground editor",
  "capabilities": { "readShared": ["counter-summary"], "writeShared": ["counter-summary"] },
  "modules": []
}`;
