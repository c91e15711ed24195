// A plugin under test: each instance votes for a name; the shared `ballot` domain counts the votes.
definePlugin(function (ctx) {
  var ui = ctx.ui;
  return {
    title: 'Votes',
    initialState: { mine: 0 },
    reducers: { voted: function (s) { return { mine: s.mine + 1 }; } },
    widgets: {
      main: {
        render: function (props) {
          var ballot = (props.globalState.shared || {}).ballot || {};
          return ui.panel([
            ui.text('My votes: ' + props.pluginState.mine),
            ui.text('Total votes: ' + (ballot.total || 0))
          ]);
        },
        handlers: {
          vote: function (h, args) {
            h.dispatchPluginAction('voted');
            h.dispatchSharedAction('ballot', 'vote', args.name);
            console.log('voted for', args.name);
          }
        }
      }
    }
  };
});
