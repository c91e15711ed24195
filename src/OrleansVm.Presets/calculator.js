// Calculator: a pocket calculator (integer keys, + − × ÷, chained operations), all local state.
definePlugin(({ ui }) => {
  const MAX_DIGITS = 12;
  const ERROR = 'Error';
  const SYMBOLS = { '+': '+', '-': '\u2212', '*': '\u00d7', '/': '\u00f7' };
  // Accept the ASCII operators the buttons send and the symbols a caller might send.
  const OPERATORS = { '+': '+', '-': '-', '\u2212': '-', '*': '*', '\u00d7': '*', '/': '/', '\u00f7': '/' };

  const initialState = () => ({ display: '0', accumulator: 0, operation: null });

  // startNew: the next digit begins a new number (after an operator or '=').
  const makeState = (display, accumulator, operation, startNew) => ({ display, accumulator, operation, startNew });

  const stateOf = (state) => {
    const { display, accumulator, operation, startNew } = state ?? {};
    return makeState(
      typeof display === 'string' ? display : '0',
      Number.isFinite(Number(accumulator)) ? Number(accumulator) : 0,
      OPERATORS[operation] ?? null,
      startNew === true,
    );
  };

  // null when the result is undefined (division by zero) or not representable.
  const compute = (left, operation, right) => {
    let result;
    switch (operation) {
      case '+': result = left + right; break;
      case '-': result = left - right; break;
      case '*': result = left * right; break;
      case '/':
        if (right === 0) return null;
        result = left / right;
        break;
      default: return right;
    }
    return Number.isFinite(result) ? result : null;
  };

  // Rounds to 12 significant digits, hiding binary noise such as 0.30000000000000004.
  const format = (value) => {
    if (value === 0) return '0';
    // log / LN10 rather than log10: the rounding this preset has always had.
    const magnitude = Math.floor(Math.log(Math.abs(value)) / Math.LN10);
    const decimals = Math.min(MAX_DIGITS - 1 - magnitude, 15);
    if (decimals <= 0) return String(value);
    const factor = 10 ** decimals;
    return String(Math.round(value * factor) / factor);
  };

  const errorState = () => makeState(ERROR, 0, null, true);

  const digit = (state, payload) => {
    const s = stateOf(state);
    const key = String(payload);
    if (!/^[0-9]$/.test(key)) return s;
    if (s.startNew || s.display === '0' || s.display === ERROR) return makeState(key, s.accumulator, s.operation, false);
    if (s.display.replace('-', '').length >= MAX_DIGITS) return s;
    return makeState(s.display + key, s.accumulator, s.operation, false);
  };

  const operation = (state, payload) => {
    const s = stateOf(state);
    const op = OPERATORS[payload];
    if (!op || s.display === ERROR) return s;
    // Pressing another operator before a new number just changes the pending one.
    if (s.operation && s.startNew) return makeState(s.display, s.accumulator, op, true);
    if (s.operation) {
      const result = compute(s.accumulator, s.operation, Number(s.display));
      if (result === null) return errorState();
      return makeState(format(result), Number(format(result)), op, true);
    }
    return makeState(s.display, Number(s.display), op, true);
  };

  const equals = (state) => {
    const s = stateOf(state);
    if (!s.operation || s.display === ERROR) return makeState(s.display, s.accumulator, null, true);
    const result = compute(s.accumulator, s.operation, Number(s.display));
    return result === null ? errorState() : makeState(format(result), 0, null, true);
  };

  const key = (label, handler, args, variant) => ui.button(label, {
    onClick: args === undefined ? { handler } : { handler, args },
    ...(variant ? { variant } : {}),
  });
  const digitKey = (n) => key(String(n), 'digit', n);
  const operatorKey = (op) => key(SYMBOLS[op], 'operation', op, 'secondary');

  return {
    id: 'calculator',
    title: 'Calculator',
    description: 'A pocket calculator with +, \u2212, \u00d7 and \u00f7',
    initialState: initialState(),
    reducers: { digit, operation, equals, clear: () => initialState() },
    widgets: {
      display: {
        render({ pluginState }) {
          const s = stateOf(pluginState);
          return ui.panel([
            ui.text(s.display),
            ...(s.operation ? [ui.badge(`${format(s.accumulator)} ${SYMBOLS[s.operation]}`)] : []),
            ui.row([digitKey(7), digitKey(8), digitKey(9), operatorKey('/')]),
            ui.row([digitKey(4), digitKey(5), digitKey(6), operatorKey('*')]),
            ui.row([digitKey(1), digitKey(2), digitKey(3), operatorKey('-')]),
            ui.row([digitKey(0), key('C', 'clear', undefined, 'destructive'), key('=', 'equals', undefined, 'primary'), operatorKey('+')]),
          ]);
        },
        handlers: {
          digit: (h, args) => h.dispatchPluginAction('digit', args),
          operation: (h, args) => h.dispatchPluginAction('operation', args),
          equals: (h) => h.dispatchPluginAction('equals'),
          clear: (h) => h.dispatchPluginAction('clear'),
        },
      },
    },
  };
});
