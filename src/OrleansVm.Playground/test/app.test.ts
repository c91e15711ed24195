// @vitest-environment node
// Node's own fetch types (Response, ReadableStream): the SDK reads the SSE body as in a browser.
/**
 * The page's controller against a fake silo, through the real SDK: session kinds, actions, the
 * event stream's effects on the state, errors where they happen, grants.
 */
import { afterEach, expect, test, vi } from 'vitest';
import { App } from '../src/app.js';
import { defaultEditor } from '../src/settings.js';
import { Store, initialState, type AppState } from '../src/store.js';
import { FakeSilo, error, operatorSilo } from './fakeSilo.js';

const WAIT = { timeout: 10_000, interval: 10 };
const apps: App[] = [];

function start(silo: FakeSilo, token = 'op-token'): App {
  const app = new App(new Store<AppState>(initialState(token, 'demo', defaultEditor())), 'http://silo.test', silo.fetch);
  apps.push(app);
  return app;
}

afterEach(() => {
  for (const app of apps.splice(0)) app.disconnect();
});

const counterTree = (n: number) => ({ kind: 'panel', children: [{ kind: 'text', text: `Counter: ${n}` }] });
const created = (id: string) => ({ instanceId: id, packageId: 'counter', version: '1.0.0', title: 'Counter', widgets: ['counter'] });

test('an operator token: role, live stream, catalog and operator panels, bearer token on every call', async () => {
  const silo = operatorSilo();
  const app = start(silo);
  await app.connect();
  await silo.opened;
  await vi.waitFor(() => expect(app.store.get().connection).toBe('live'), WAIT);
  const s = app.store.get();
  expect(s.role).toBe('operator');
  expect(s.workspaces).toEqual(['demo']);
  expect(s.packages.map((p) => p.packageId)).toEqual(['counter']);
  expect(s.modules.map((m) => m.name)).toEqual(['kv', 'time']);
  expect(silo.callsTo('GET', '/workspaces/demo/grants')).toHaveLength(1);
  expect(silo.calls.every((c) => c.authorization === 'Bearer op-token')).toBe(true);
});

test('a client token (403 on the workspace list) gets no operator panels', async () => {
  const silo = operatorSilo().on('GET', '/workspaces', { status: 403, body: error('FORBIDDEN', 'operators only') });
  const app = start(silo, 'client-token');
  await app.connect();
  expect(app.store.get().role).toBe('client');
  expect(silo.callsTo('GET', '/workspaces/demo/grants')).toHaveLength(0);
  expect(silo.callsTo('GET', '/workspaces/demo/domains')).toHaveLength(0);
  expect(app.store.get().packages).toHaveLength(1);
});

test('a refused token shows a banner with the API code and opens no stream', async () => {
  const silo = operatorSilo().on('GET', '/workspaces', { status: 401, body: error('UNAUTHORIZED', 'unknown token') });
  const app = start(silo, 'bad');
  await app.connect();
  const s = app.store.get();
  expect(s.role).toBe('invalid');
  expect(s.banner).toEqual({ code: 'UNAUTHORIZED', message: 'The token was refused: unknown token' });
  expect(silo.calls.map((c) => c.path)).toEqual(['/workspaces']);
});

test('without a token nothing is called and the banner says what to do', async () => {
  const silo = operatorSilo();
  const app = start(silo, '');
  await app.connect();
  expect(app.store.get().banner?.code).toBe('NO_TOKEN');
  expect(silo.calls).toHaveLength(0);
});

test('an invalid workspace id is refused before any call', () => {
  const silo = operatorSilo();
  const app = start(silo);
  app.setWorkspace('Not Valid!');
  expect(app.store.get().banner).toEqual({ code: 'VALIDATION_ERROR', message: '"Not Valid!" is not a valid workspace id' });
  expect(app.store.get().workspaceId).toBe('demo');
  expect(silo.calls).toHaveLength(0);
});

test('loading a package adds its card and renders its widgets; a failed load is shown on the package', async () => {
  const silo = operatorSilo()
    .on('POST', '/workspaces/demo/instances', { status: 201, body: created('counter@aaaaaaaa') })
    .on('GET', '/workspaces/demo/instances/*/widgets/counter', { body: { tree: counterTree(0) } });
  const app = start(silo);
  await app.connect();

  const id = await app.loadPackage('counter');
  expect(id).toBe('counter@aaaaaaaa');
  expect(silo.callsTo('POST', '/workspaces/demo/instances')[0]!.body).toEqual({ packageId: 'counter' });
  const v = app.store.get().instances['counter@aaaaaaaa']!;
  expect(v.info.status).toBe('active');
  expect(v.widgets['counter']).toEqual({ tree: counterTree(0) });

  silo.on('POST', '/workspaces/demo/instances', { status: 404, body: error('PACKAGE_NOT_FOUND', 'no package nope') });
  expect(await app.loadPackage('nope')).toBeUndefined();
  expect(app.store.get().loadErrors['nope']).toBe('no package nope (PACKAGE_NOT_FOUND)');
});

test('stream events: created elsewhere, state, dispatch, domain change and removal reach the state', async () => {
  let value = 0;
  const silo = operatorSilo()
    .on('GET', '/workspaces/demo/instances/counter@bbbbbbbb', { body: { ...created('counter@bbbbbbbb'), status: 'active' } })
    .on('GET', '/workspaces/demo/instances/*/widgets/counter', () => ({ body: { tree: counterTree(value) } }));
  const app = start(silo);
  await app.connect();
  await silo.opened;

  silo.emit('instance.created', { instanceId: 'counter@bbbbbbbb', packageId: 'counter' });
  await vi.waitFor(() => expect(app.store.get().instances['counter@bbbbbbbb']?.widgets['counter']?.tree).toEqual(counterTree(0)), WAIT);

  value = 1;
  silo.emit('instance.state', { instanceId: 'counter@bbbbbbbb', status: 'active', state: { value: 1 } });
  await vi.waitFor(() => expect(app.store.get().instances['counter@bbbbbbbb']!.widgets['counter']!.tree).toEqual(counterTree(1)), WAIT);
  expect(app.store.get().instances['counter@bbbbbbbb']!.info.state).toEqual({ value: 1 });

  silo.emit('dispatch', {
    dispatchId: 'd1', timestamp: '2026-11-29T06:00:00Z', scope: 'shared', actionType: 'set-instance',
    instanceId: 'counter@cccccccc', domain: 'counter-summary', outcome: 'denied', reason: 'missing-write-grant:counter-summary',
  });
  await vi.waitFor(() => expect(app.store.get().timeline.map((e) => [e.dispatchId, e.outcome])).toEqual([['d1', 'denied']]), WAIT);

  const domainCalls = silo.callsTo('GET', '/workspaces/demo/domains').length;
  silo.on('GET', '/workspaces/demo/domains', { body: [{ domain: 'counter-summary', builtIn: true, readOnly: false }] })
    .on('GET', '/workspaces/demo/domains/counter-summary', { body: { domain: 'counter-summary', state: { totalValue: 1 } } });
  silo.emit('domain.changed', { domain: 'counter-summary' });
  await vi.waitFor(() => expect(app.store.get().domains.map((d) => d.state)).toEqual([{ totalValue: 1 }]), WAIT);
  expect(silo.callsTo('GET', '/workspaces/demo/domains').length).toBeGreaterThan(domainCalls);

  silo.emit('instance.removed', { instanceId: 'counter@bbbbbbbb' });
  await vi.waitFor(() => expect(app.store.get().order).toEqual([]), WAIT);
});

test('events of one instance go out in order; a failure shows on the card, denied shared dispatches are listed', async () => {
  const posted: unknown[] = [];
  let release: () => void = () => undefined;
  const firstHeld = new Promise<void>((r) => (release = r));
  const silo = operatorSilo()
    .on('GET', '/workspaces/demo/instances', { body: [{ ...created('counter@aaaaaaaa'), status: 'active' }] })
    .on('GET', '/workspaces/demo/instances/*/widgets/counter', { body: { tree: counterTree(0) } });
  const fetchInOrder: typeof silo.fetch = async (input, init) => {
    if (init?.method === 'POST' && input.includes('/events')) {
      posted.push(JSON.parse(String(init.body)));
      if (posted.length === 1) await firstHeld; // the second must wait for the first's answer
    }
    return silo.fetch(input, init);
  };
  silo.on('POST', '/workspaces/demo/instances/*/widgets/counter/events', (call) =>
    (call.body as { handler: string }).handler === 'boom'
      ? { status: 422, body: error('PLUGIN_ERROR', 'handler threw: boom') }
      : {
          body: {
            state: { value: 1 },
            dispatches: [
              { dispatchId: '1', scope: 'plugin', actionType: 'increment', outcome: 'applied' },
              { dispatchId: '2', scope: 'shared', actionType: 'set-instance', domain: 'counter-summary', outcome: 'denied', reason: 'missing-write-grant:counter-summary' },
            ],
          },
        },
  );
  const app = new App(new Store<AppState>(initialState('op-token', 'demo', defaultEditor())), 'http://silo.test', fetchInOrder);
  apps.push(app);
  await app.connect();

  const first = app.sendEvent('counter@aaaaaaaa', 'counter', { handler: 'increment' });
  const second = app.sendEvent('counter@aaaaaaaa', 'counter', { handler: 'boom', args: { x: 1 } });
  await vi.waitFor(() => expect(posted).toHaveLength(1), WAIT);
  expect(app.store.get().instances['counter@aaaaaaaa']!.pendingEvents).toBe(2);
  release();
  await Promise.all([first, second]);

  expect(posted).toEqual([{ handler: 'increment' }, { handler: 'boom', args: { x: 1 } }]);
  const v = app.store.get().instances['counter@aaaaaaaa']!;
  expect(v.pendingEvents).toBe(0);
  expect(v.eventError).toBe('handler threw: boom');
  expect(v.notApplied?.map((d) => d.reason)).toEqual(['missing-write-grant:counter-summary']);
  expect(v.info.state).toEqual({ value: 1 });
});

test('a render error stays on its widget with its code; a render of a vanished instance removes the card', async () => {
  const silo = operatorSilo()
    .on('GET', '/workspaces/demo/instances', {
      body: [{ ...created('spin@aaaaaaaa'), packageId: 'spin', widgets: ['spin', 'calm'], status: 'active' }, { ...created('counter@bbbbbbbb'), status: 'active' }],
    })
    .on('GET', '/workspaces/demo/instances/spin@aaaaaaaa/widgets/spin', { status: 422, body: error('RUNTIME_TIMEOUT', 'render took too long') })
    .on('GET', '/workspaces/demo/instances/spin@aaaaaaaa/widgets/calm', { body: { tree: { kind: 'text', text: 'calm' } } })
    .on('GET', '/workspaces/demo/instances/counter@bbbbbbbb/widgets/counter', { status: 404, body: error('INSTANCE_NOT_FOUND', 'gone') });
  const app = start(silo);
  await app.connect();
  await vi.waitFor(() => {
    const s = app.store.get();
    expect(s.instances['spin@aaaaaaaa']!.widgets).toEqual({
      spin: { error: { code: 'RUNTIME_TIMEOUT', message: 'render took too long' } },
      calm: { tree: { kind: 'text', text: 'calm' } },
    });
    expect(s.order).toEqual(['spin@aaaaaaaa']);
  }, WAIT);
});

test('grants: current grants are listed, a draft is saved with PUT, a failure is reported on the row', async () => {
  const silo = operatorSilo().on('GET', '/workspaces/demo/grants', {
    body: [{ packageId: 'counter', readShared: ['counter-summary'], writeShared: [], modules: [] }],
  });
  const app = start(silo);
  await app.connect();
  expect(app.store.get().grants['counter']).toEqual({ readShared: ['counter-summary'], writeShared: [], modules: [] });

  app.setGrantDraft('counter', { readShared: ['counter-summary'], writeShared: ['counter-summary'], modules: ['kv'] });
  silo.on('PUT', '/workspaces/demo/grants/counter', (call) => ({ body: { packageId: 'counter', ...(call.body as object) } }));
  await app.saveGrants('counter');
  const s = app.store.get();
  expect(silo.callsTo('PUT', '/workspaces/demo/grants/counter')[0]!.body).toEqual({
    readShared: ['counter-summary'], writeShared: ['counter-summary'], modules: ['kv'],
  });
  expect(s.grants['counter']!.writeShared).toEqual(['counter-summary']);
  expect(s.grantDrafts['counter']).toBeUndefined();
  expect(s.grantStatus['counter']).toBe('Saved');

  silo.on('PUT', '/workspaces/demo/grants/counter', { status: 400, body: error('VALIDATION_ERROR', 'unknown module nope') });
  app.setGrantDraft('counter', { readShared: [], writeShared: [], modules: ['nope'] });
  await app.saveGrants('counter');
  expect(app.store.get().grantStatus['counter']).toBe('Error: unknown module nope (VALIDATION_ERROR)');
  expect(app.store.get().grants['counter']!.modules).toEqual(['kv']);
});

test('publishing checks the package id, version and manifest before calling; then publishes and loads', async () => {
  const silo = operatorSilo()
    .on('PUT', '/packages/my-plugin/versions/0.2.0', { status: 201, body: { packageId: 'my-plugin', version: '0.2.0', title: 'Mine', widgets: ['main'] } })
    .on('POST', '/workspaces/demo/instances', { status: 201, body: { ...created('my-plugin@aaaaaaaa'), packageId: 'my-plugin', widgets: ['main'] } })
    .on('GET', '/workspaces/demo/instances/*/widgets/main', { body: { tree: { kind: 'text', text: 'hi' } } });
  const app = start(silo);
  await app.connect();
  const before = silo.calls.length;

  app.setEditor({ packageId: 'Bad Id' });
  expect(await app.publish()).toBe(false);
  expect(app.store.get().editor.status?.kind).toBe('error');
  app.setEditor({ packageId: 'my-plugin', version: '0.2.0', manifest: '{ not json' });
  expect(await app.publish()).toBe(false);
  expect(app.store.get().editor.status?.message).toMatch(/^Manifest is not valid JSON/);
  expect(silo.calls.length).toBe(before);

  app.setEditor({ manifest: '{"title":"Mine"}' });
  expect(await app.publish()).toBe(true);
  expect(app.store.get().editor.status).toEqual({ kind: 'ok', message: 'Published my-plugin@0.2.0: Mine — widgets main' });
  await app.loadPublished();
  expect(silo.callsTo('POST', '/workspaces/demo/instances').at(-1)!.body).toEqual({ packageId: 'my-plugin', version: '0.2.0' });
  expect(app.store.get().editor.status).toEqual({ kind: 'ok', message: 'Loaded my-plugin@aaaaaaaa' });
});

test('a dropped stream shows reconnecting, and after the reconnect everything is fetched again', async () => {
  const silo = operatorSilo();
  const app = start(silo);
  await app.connect();
  await silo.opened;
  await vi.waitFor(() => expect(app.store.get().connection).toBe('live'), WAIT);
  const listsBefore = silo.callsTo('GET', '/workspaces/demo/instances').length;

  silo.dropStream();
  await vi.waitFor(() => expect(app.store.get().connection).toBe('reconnecting'), WAIT);
  await vi.waitFor(() => expect(app.store.get().connection).toBe('live'), { timeout: 20_000, interval: 20 });
  await vi.waitFor(() => expect(silo.callsTo('GET', '/workspaces/demo/instances').length).toBeGreaterThan(listsBefore), WAIT);
});
