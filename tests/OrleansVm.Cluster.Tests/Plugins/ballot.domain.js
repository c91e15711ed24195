// The workspace's shared ballot: votes per name; plugins see only the total.
defineDomain({
  initialState: { byName: {}, total: 0 },
  reducers: {
    vote: function (state, action) {
      var byName = JSON.parse(JSON.stringify(state.byName));
      byName[action.payload] = (byName[action.payload] || 0) + 1;
      return { byName: byName, total: state.total + 1 };
    }
  },
  project: function (state) { return { total: state.total }; }
});
