import { assert, test } from 'vitest';
import type { InstanceInfo, TimelineEntry } from '@orleansvm/client';
import {
  Store,
  bumpVersion,
  changedShared,
  eventFailed,
  eventStarted,
  eventSucceeded,
  initialState,
  loadCounts,
  mergeTimeline,
  parseFragment,
  parseNames,
  removeInstance,
  sameGrants,
  setInstances,
  toggleGrant,
  upsertInstance,
  widgetFailed,
  widgetRendered,
  type AppState,
} from '../src/store.js';

const editor = { packageId: 'p', version: '0.1.0', manifest: '{}', code: '', busy: false };
const base = (): AppState => initialState('tok', 'demo', editor);
const inst = (id: string, widgets = ['main']): InstanceInfo => ({
  instanceId: id,
  packageId: id.split('@')[0]!,
  version: '1.0.0',
  title: id,
  widgets,
  status: 'active',
  grants: { readShared: [], writeShared: [], modules: [] },
});

test('instances: add, render, fail, count per package, remove', () => {
  let s = base();
  s = upsertInstance(s, inst('counter@aaaaaaaa', ['counter']));
  s = upsertInstance(s, inst('counter@bbbbbbbb', ['counter']));
  s = upsertInstance(s, inst('greeter@cccccccc', ['greeter']));
  assert.deepEqual(s.order, ['counter@aaaaaaaa', 'counter@bbbbbbbb', 'greeter@cccccccc']);
  assert.deepEqual(loadCounts(s), { counter: 2, greeter: 1 });
  s = widgetRendered(s, 'counter@aaaaaaaa', 'counter', { kind: 'text', text: 'x' });
  assert.deepEqual(s.instances['counter@aaaaaaaa']!.widgets['counter'], { tree: { kind: 'text', text: 'x' } });
  s = widgetFailed(s, 'counter@aaaaaaaa', 'counter', { code: 'RUNTIME_TIMEOUT', message: 'slow' });
  assert.deepEqual(s.instances['counter@aaaaaaaa']!.widgets['counter'], { error: { code: 'RUNTIME_TIMEOUT', message: 'slow' } });
  // re-adding (stream + POST answer) keeps widgets and order
  s = upsertInstance(s, inst('counter@aaaaaaaa', ['counter']));
  assert.strictEqual(s.order.length, 3);
  assert.ok(s.instances['counter@aaaaaaaa']!.widgets['counter']!.error);
  s = removeInstance(s, 'counter@aaaaaaaa');
  assert.deepEqual(s.order, ['counter@bbbbbbbb', 'greeter@cccccccc']);
  assert.deepEqual(loadCounts(s), { counter: 1, greeter: 1 });
  assert.strictEqual(removeInstance(s, 'nope@xxxxxxxx'), s);
});

test('setInstances keeps on-screen order and rendered trees of known instances', () => {
  let s = base();
  s = upsertInstance(s, inst('a@aaaaaaaa'));
  s = upsertInstance(s, inst('b@bbbbbbbb'));
  s = widgetRendered(s, 'b@bbbbbbbb', 'main', { kind: 'text', text: 'B' });
  s = setInstances(s, [inst('c@cccccccc'), inst('b@bbbbbbbb')]);
  assert.deepEqual(s.order, ['b@bbbbbbbb', 'c@cccccccc']);
  assert.deepEqual(s.instances['b@bbbbbbbb']!.widgets['main'], { tree: { kind: 'text', text: 'B' } });
  assert.deepEqual(s.instances['c@cccccccc']!.widgets['main'], {});
});

test('events: pending count, error message, not-applied shared dispatches', () => {
  let s = upsertInstance(base(), inst('greeter@aaaaaaaa'));
  s = eventStarted(s, 'greeter@aaaaaaaa');
  s = eventStarted(s, 'greeter@aaaaaaaa');
  assert.strictEqual(s.instances['greeter@aaaaaaaa']!.pendingEvents, 2);
  s = eventFailed(s, 'greeter@aaaaaaaa', 'boom');
  assert.strictEqual(s.instances['greeter@aaaaaaaa']!.eventError, 'boom');
  const dispatches = [
    { dispatchId: '1', scope: 'plugin' as const, actionType: 'set-name', outcome: 'applied' },
    { dispatchId: '2', scope: 'shared' as const, actionType: 'set-name', domain: 'greeter-profile', outcome: 'denied', reason: 'missing-write-grant:greeter-profile' },
  ];
  s = eventSucceeded(s, 'greeter@aaaaaaaa', dispatches, { name: 'Ada' });
  const v = s.instances['greeter@aaaaaaaa']!;
  assert.strictEqual(v.pendingEvents, 0);
  assert.strictEqual(v.eventError, undefined);
  assert.deepEqual(v.info.state, { name: 'Ada' });
  assert.deepEqual(v.notApplied!.map((d) => d.dispatchId), ['2']);
  assert.strictEqual(changedShared(dispatches), false);
  assert.strictEqual(changedShared([{ ...dispatches[1]!, outcome: 'applied' }]), true);
});

test('timeline merge: newest first, no duplicates, capped', () => {
  const e = (id: string, t: string, outcome = 'applied'): TimelineEntry => ({
    dispatchId: id, timestamp: t, scope: 'shared', actionType: 'set-instance', instanceId: 'counter@aaaaaaaa', domain: 'counter-summary', outcome,
  });
  const current = [e('3', '2026-11-21T10:00:03Z'), e('2', '2026-11-21T10:00:02Z')];
  const merged = mergeTimeline(current, [e('4', '2026-11-21T10:00:04Z', 'denied'), e('3', '2026-11-21T10:00:03Z')]);
  assert.deepEqual(merged.map((x) => x.dispatchId), ['4', '3', '2']);
  assert.strictEqual(merged[0]!.outcome, 'denied');
  const many = Array.from({ length: 80 }, (_, i) => e(String(i), new Date(Date.UTC(2026, 10, 21, 0, 0, i)).toISOString()));
  const capped = mergeTimeline([], many);
  assert.strictEqual(capped.length, 50);
  assert.strictEqual(capped[0]!.dispatchId, '79');
});

test('grants helpers', () => {
  let g = { readShared: [], writeShared: [], modules: [] } as { readShared: string[]; writeShared: string[]; modules: string[] };
  g = toggleGrant(g, 'readShared', 'greeter-profile', true);
  g = toggleGrant(g, 'readShared', 'counter-summary', true);
  g = toggleGrant(g, 'readShared', 'counter-summary', true);
  assert.deepEqual(g.readShared, ['counter-summary', 'greeter-profile']);
  g = toggleGrant(g, 'readShared', 'greeter-profile', false);
  assert.deepEqual(g.readShared, ['counter-summary']);
  assert.ok(sameGrants(g, { readShared: ['counter-summary'], writeShared: [], modules: [] }));
  assert.ok(!sameGrants(g, undefined));
  assert.deepEqual(parseNames(' kv, time  time,crypto '), ['crypto', 'kv', 'time']);
});

test('URL fragment, version bump, store notifications', () => {
  assert.deepEqual(parseFragment('#token=abc%2Bdef&workspace=team-a'), { token: 'abc+def', workspace: 'team-a' });
  assert.deepEqual(parseFragment(''), {});
  assert.deepEqual(parseFragment('#other=1'), {});
  assert.strictEqual(bumpVersion('1.2.3'), '1.2.4');
  assert.strictEqual(bumpVersion('1.2.3-beta.1'), '1.2.4');
  assert.strictEqual(bumpVersion('x'), '0.1.0');
  const store = new Store(1);
  const seen: number[] = [];
  const off = store.subscribe((v) => seen.push(v));
  store.update((v) => v + 1);
  store.update((v) => v); // unchanged: no notification
  off();
  store.update((v) => v + 1);
  assert.deepEqual(seen, [2]);
  assert.strictEqual(store.get(), 3);
});
