// Calculator: a pocket calculator (integer keys, + − × ÷, chained operations), all local state.
definePlugin(function (ctx) {
  var ui = ctx.ui;
  var MAX_DIGITS = 12;
  var ERROR = 'Error';
  var SYMBOLS = { '+': '+', '-': '\u2212', '*': '\u00d7', '/': '\u00f7' };
  // Accept the ASCII operators the buttons send and the symbols a caller might send.
  var OPERATORS = { '+': '+', '-': '-', '\u2212': '-', '*': '*', '\u00d7': '*', '/': '/', '\u00f7': '/' };

  function initialState() {
    return { display: '0', accumulator: 0, operation: null };
  }

  // startNew: the next digit begins a new number (after an operator or '=').
  function makeState(display, accumulator, operation, startNew) {
    return { display: display, accumulator: accumulator, operation: operation, startNew: startNew };
  }

  function stateOf(state) {
    var s = state || {};
    return makeState(typeof s.display === 'string' ? s.display : '0',
                     isFinite(Number(s.accumulator)) ? Number(s.accumulator) : 0,
                     OPERATORS[s.operation] || null,
                     s.startNew === true);
  }

  // null when the result is undefined (division by zero) or not representable.
  function compute(left, operation, right) {
    var result;
    switch (operation) {
      case '+': result = left + right; break;
      case '-': result = left - right; break;
      case '*': result = left * right; break;
      case '/': if (right === 0) { return null; } result = left / right; break;
      default: return right;
    }
    return isFinite(result) ? result : null;
  }

  // Rounds to 12 significant digits, hiding binary noise such as 0.30000000000000004.
  // (Jint's toPrecision miscounts digits, so the rounding is done by hand.)
  function format(value) {
    if (value === 0) { return '0'; }
    var magnitude = Math.floor(Math.log(Math.abs(value)) / Math.LN10);
    var decimals = Math.min(MAX_DIGITS - 1 - magnitude, 15);
    if (decimals <= 0) { return String(value); }
    var factor = Math.pow(10, decimals);
    return String(Math.round(value * factor) / factor);
  }

  function errorState() {
    return makeState(ERROR, 0, null, true);
  }

  function digit(state, payload) {
    var s = stateOf(state);
    var key = String(payload);
    if (!/^[0-9]$/.test(key)) { return s; }
    if (s.startNew || s.display === '0' || s.display === ERROR) {
      return makeState(key, s.accumulator, s.operation, false);
    }
    if (s.display.replace('-', '').length >= MAX_DIGITS) { return s; }
    return makeState(s.display + key, s.accumulator, s.operation, false);
  }

  function operation(state, payload) {
    var s = stateOf(state);
    var op = OPERATORS[payload];
    if (!op || s.display === ERROR) { return s; }
    if (s.operation && s.startNew) {
      // Pressing another operator before a new number just changes the pending one.
      return makeState(s.display, s.accumulator, op, true);
    }
    if (s.operation) {
      var result = compute(s.accumulator, s.operation, Number(s.display));
      if (result === null) { return errorState(); }
      return makeState(format(result), Number(format(result)), op, true);
    }
    return makeState(s.display, Number(s.display), op, true);
  }

  function equals(state) {
    var s = stateOf(state);
    if (!s.operation || s.display === ERROR) {
      return makeState(s.display, s.accumulator, null, true);
    }
    var result = compute(s.accumulator, s.operation, Number(s.display));
    if (result === null) { return errorState(); }
    return makeState(format(result), 0, null, true);
  }

  function key(label, handler, args, variant) {
    var onClick = { handler: handler };
    if (args !== undefined) { onClick.args = args; }
    var props = { onClick: onClick };
    if (variant) { props.variant = variant; }
    return ui.button(label, props);
  }

  function digitKey(n) { return key(String(n), 'digit', n); }
  function operatorKey(op) { return key(SYMBOLS[op], 'operation', op, 'secondary'); }

  return {
    id: 'calculator',
    title: 'Calculator',
    description: 'A pocket calculator with +, \u2212, \u00d7 and \u00f7',
    initialState: initialState(),
    reducers: {
      digit: digit,
      operation: operation,
      equals: equals,
      clear: function () { return initialState(); }
    },
    widgets: {
      display: {
        render: function (props) {
          var s = stateOf(props.pluginState);
          var children = [ui.text(s.display)];
          if (s.operation) {
            children.push(ui.badge(format(s.accumulator) + ' ' + SYMBOLS[s.operation]));
          }
          children.push(
            ui.row([digitKey(7), digitKey(8), digitKey(9), operatorKey('/')]),
            ui.row([digitKey(4), digitKey(5), digitKey(6), operatorKey('*')]),
            ui.row([digitKey(1), digitKey(2), digitKey(3), operatorKey('-')]),
            ui.row([digitKey(0), key('C', 'clear', undefined, 'destructive'), key('=', 'equals', undefined, 'primary'), operatorKey('+')])
          );
          return ui.panel(children);
        },
        handlers: {
          digit: function (h, args) { h.dispatchPluginAction('digit', args); },
          operation: function (h, args) { h.dispatchPluginAction('operation', args); },
          equals: function (h) { h.dispatchPluginAction('equals'); },
          clear: function (h) { h.dispatchPluginAction('clear'); }
        }
      }
    }
  };
});
