import { test } from 'node:test';
import assert from 'node:assert/strict';
import { h, patch } from '../src/vdom.js';
import { FakeDocument, FakeElement, FakeText } from './fakeDom.js';

function setup(): { doc: FakeDocument; root: FakeElement; apply: (v: ReturnType<typeof h>[]) => void } {
  const doc = new FakeDocument();
  const root = doc.createElement('div');
  return { doc, root, apply: (v) => patch(root as unknown as Element, v) };
}

test('h() flattens children and drops null/false; attributes false/undefined are omitted', () => {
  const v = h('div', { class: 'a', hidden: false, title: undefined }, 'x', null, false, ['y', ['z']]);
  assert.deepEqual(v.children, ['x', 'y', 'z']);
  assert.deepEqual(v.attrs, { class: 'a' });
});

test('patch creates, updates in place and removes', () => {
  const { root, apply } = setup();
  apply([h('p', { class: 'a' }, 'one'), h('span', null, 'two')]);
  const p = root.childNodes[0] as FakeElement;
  assert.equal(p.tagName, 'P');
  assert.equal(p.getAttribute('class'), 'a');
  assert.equal(root.textContent, 'onetwo');
  apply([h('p', { class: 'b', disabled: true }, 'uno')]);
  assert.equal(root.childNodes[0], p, 'same element reused');
  assert.equal(p.getAttribute('class'), 'b');
  assert.equal(p.getAttribute('disabled'), '');
  assert.equal((p.childNodes[0] as FakeText).data, 'uno');
  assert.equal(root.childNodes.length, 1);
  apply([h('p', null, 'uno')]);
  assert.equal(p.getAttribute('class'), null);
  assert.equal(p.getAttribute('disabled'), null);
});

test('event handlers: one listener per type, always calling the latest handler', () => {
  const { root, apply } = setup();
  const calls: string[] = [];
  apply([h('button', { on: { click: () => calls.push('first') } }, 'b')]);
  const b = root.childNodes[0] as FakeElement;
  apply([h('button', { on: { click: () => calls.push('second') } }, 'b')]);
  b.dispatch('click');
  assert.deepEqual(calls, ['second']);
  assert.equal(b.listeners.get('click')!.length, 1);
  apply([h('button', null, 'b')]);
  b.dispatch('click');
  assert.deepEqual(calls, ['second']);
});

test('a focused input keeps what the user typed; an unfocused one follows the state', () => {
  const { doc, root, apply } = setup();
  apply([h('input', { value: 'Ad' })]);
  const input = root.childNodes[0] as FakeElement;
  assert.equal(input.value, 'Ad');
  doc.activeElement = input;
  input.value = 'Ada'; // the user typed; a late re-render arrives with the older value
  const writes = input.valueWrites;
  apply([h('input', { value: 'Ad' })]);
  assert.equal(input.value, 'Ada');
  assert.equal(input.valueWrites, writes, 'no write at all: caret and selection stay');
  assert.equal(root.childNodes[0], input, 'the focused element itself is kept');
  doc.activeElement = null;
  apply([h('input', { value: 'Grace' })]);
  assert.equal(input.value, 'Grace');
});

test('keyed children move instead of being rebuilt (removing a card keeps the others)', () => {
  const { root, apply } = setup();
  apply([h('article', { key: 'a' }, 'A'), h('article', { key: 'b' }, 'B'), h('article', { key: 'c' }, 'C')]);
  const [, b, c] = root.childNodes as FakeElement[];
  apply([h('article', { key: 'b' }, 'B'), h('article', { key: 'c' }, 'C')]);
  assert.equal(root.childNodes.length, 2);
  assert.equal(root.childNodes[0], b);
  assert.equal(root.childNodes[1], c);
  apply([h('article', { key: 'c' }, 'C'), h('article', { key: 'b' }, 'B')]);
  assert.equal(root.childNodes[0], c);
  assert.equal(root.childNodes[1], b);
});

test('checkbox checked and textarea value are properties', () => {
  const { root, apply } = setup();
  apply([h('input', { type: 'checkbox', checked: true }), h('textarea', { value: 'code' })]);
  const [box, ta] = root.childNodes as FakeElement[];
  assert.equal(box!.checked, true);
  assert.equal(ta!.value, 'code');
  assert.equal(ta!.childNodes.length, 0);
  apply([h('input', { type: 'checkbox', checked: false }), h('textarea', { value: 'code 2' })]);
  assert.equal(box!.checked, false);
  assert.equal(ta!.value, 'code 2');
});
