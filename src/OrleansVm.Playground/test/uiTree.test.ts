import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { UiNode } from '@orleansvm/client';
import { renderUiTree, renderWidgetBody } from '../src/uiTree.js';
import { findAll, textOf, type VElement } from '../src/vdom.js';

const counterTree: UiNode = {
  kind: 'panel',
  children: [
    { kind: 'text', text: 'Counter: 3' },
    { kind: 'row', children: [{ kind: 'badge', text: 'Shared total: 5' }, { kind: 'badge', text: 'Instances: 2' }] },
    {
      kind: 'row',
      children: [
        { kind: 'button', props: { label: 'Decrement', onClick: { handler: 'decrement' } } },
        { kind: 'button', props: { label: 'Reset', variant: 'destructive', onClick: { handler: 'reset' } } },
        { kind: 'button', props: { label: 'Increment', onClick: { handler: 'increment', args: { by: 1 } } } },
        { kind: 'button', props: { label: 'Off', disabled: true } },
      ],
    },
  ],
};

function click(el: VElement): void {
  el.on['click']!({} as Event);
}

test('layout nodes become nested divs with classes, kinds and paths', () => {
  const v = renderUiTree(counterTree, { onEvent: () => undefined });
  assert.equal(v.tag, 'div');
  assert.equal(v.attrs['class'], 'ui-panel');
  assert.equal(v.attrs['data-path'], 'root');
  const rows = findAll(v, (e) => e.attrs['data-kind'] === 'row');
  assert.equal(rows.length, 2);
  assert.equal(rows[1]!.attrs['data-path'], 'root.children[2]');
  assert.equal(textOf(v.children[0]!), 'Counter: 3');
  assert.deepEqual(findAll(v, (e) => e.attrs['class'] === 'ui-badge').map(textOf), ['Shared total: 5', 'Instances: 2']);
});

test('buttons: label, variant, disabled, click sends handler and args', () => {
  const sent: unknown[] = [];
  const v = renderUiTree(counterTree, { onEvent: (e) => sent.push(e) });
  const buttons = findAll(v, (e) => e.tag === 'button');
  assert.deepEqual(buttons.map(textOf), ['Decrement', 'Reset', 'Increment', 'Off']);
  assert.equal(buttons[1]!.attrs['data-variant'], 'destructive');
  assert.match(String(buttons[1]!.attrs['class']), /variant-destructive/);
  assert.equal(buttons[3]!.attrs['disabled'], true);
  assert.equal(buttons[0]!.attrs['disabled'], undefined);
  assert.equal(buttons[0]!.attrs['type'], 'button');
  click(buttons[0]!);
  click(buttons[2]!);
  assert.equal(buttons[3]!.on['click'], undefined);
  assert.deepEqual(sent, [{ handler: 'decrement' }, { handler: 'increment', args: { by: 1 } }]);
});

test('input: value, placeholder as accessible name, onChange sends {value}', () => {
  const sent: unknown[] = [];
  const v = renderUiTree(
    { kind: 'input', props: { value: 'Ada', placeholder: 'Enter your name...', onChange: { handler: 'setName' } } },
    { onEvent: (e) => sent.push(e) },
  );
  assert.equal(v.tag, 'input');
  assert.equal(v.props['value'], 'Ada');
  assert.equal(v.attrs['placeholder'], 'Enter your name...');
  assert.equal(v.attrs['aria-label'], 'Enter your name...');
  v.on['input']!({ target: { value: 'Ada L' } } as unknown as Event);
  assert.deepEqual(sent, [{ handler: 'setName', args: { value: 'Ada L' } }]);
});

test('counter: value with − and + calling onDecrement/onIncrement; missing refs disable', () => {
  const sent: unknown[] = [];
  const v = renderUiTree(
    { kind: 'counter', props: { value: 7, onIncrement: { handler: 'inc' }, onDecrement: { handler: 'dec' } } },
    { onEvent: (e) => sent.push(e) },
  );
  const [dec, value, inc] = v.children as VElement[];
  assert.equal(textOf(value!), '7');
  assert.equal(dec!.attrs['aria-label'], 'Decrement');
  assert.equal(inc!.attrs['aria-label'], 'Increment');
  click(dec!);
  click(inc!);
  assert.deepEqual(sent, [{ handler: 'dec' }, { handler: 'inc' }]);
  const bare = renderUiTree({ kind: 'counter', props: { value: 0 } }, { onEvent: () => undefined });
  assert.ok((bare.children as VElement[]).filter((c) => c.tag === 'button').every((b) => b.attrs['disabled'] === true));
});

test('table: headers and rows, non-string cells stringified', () => {
  const v = renderUiTree(
    { kind: 'table', props: { headers: ['Metric', 'Value'], rows: [['Plugins', 3], ['Last', null], ['Obj', { a: 1 }]] } },
    { onEvent: () => undefined },
  );
  assert.deepEqual(findAll(v, (e) => e.tag === 'th').map(textOf), ['Metric', 'Value']);
  assert.deepEqual(
    findAll(v, (e) => e.tag === 'tr' && e.children.some((c) => typeof c !== 'string' && c.tag === 'td')).map((tr) =>
      (tr.children as VElement[]).map(textOf),
    ),
    [['Plugins', '3'], ['Last', ''], ['Obj', '{"a":1}']],
  );
});

test('unknown kinds do not throw', () => {
  const v = renderUiTree({ kind: 'x' } as unknown as UiNode, { onEvent: () => undefined });
  assert.equal(textOf(v), 'Unsupported node kind: x');
});

test('widget body: render error text, tree, or loading', () => {
  const err = renderWidgetBody({ error: { code: 'RUNTIME_TIMEOUT', message: 'render took too long' } }, { onEvent: () => undefined }) as VElement;
  assert.equal(textOf(err), 'Render error: render took too long');
  assert.equal(err.attrs['data-testid'], 'render-error');
  assert.equal(err.attrs['data-code'], 'RUNTIME_TIMEOUT');
  const ok = renderWidgetBody({ tree: { kind: 'text', text: 'hi' } }, { onEvent: () => undefined });
  assert.equal(textOf(ok), 'hi');
  assert.equal((renderWidgetBody({}, { onEvent: () => undefined }) as VElement).attrs['data-testid'], 'widget-loading');
});
