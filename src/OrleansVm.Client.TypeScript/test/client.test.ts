import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { OrleansVmClient, type UiNode } from '../src/index.js';
import { TestServer, json } from './server.js';

const TOKEN = 'tok-123';
let server: TestServer;
let client: OrleansVmClient;

before(async () => {
  server = await new TestServer().start();
  client = new OrleansVmClient({ baseUrl: server.baseUrl + '/', token: TOKEN });
});
after(() => server.stop());

const grants = { readShared: ['counter-summary'], writeShared: ['counter-summary'], modules: [] };
const instance = {
  instanceId: 'counter@AbCd_-12',
  packageId: 'counter',
  version: '1.0.0',
  title: 'Counter',
  widgets: ['counter'],
  grants,
};
const tree: UiNode = {
  kind: 'panel',
  children: [
    { kind: 'text', text: 'Counter: 1' },
    { kind: 'button', props: { label: 'Increment', onClick: { handler: 'increment' } } },
  ],
};

interface Case {
  name: string;
  call: (c: OrleansVmClient) => Promise<unknown>;
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** false: no Authorization header expected */
  auth?: boolean;
  status?: number;
  response?: unknown;
  expect: unknown;
}

const cases: Case[] = [
  {
    name: 'health',
    call: (c) => c.health(),
    method: 'GET',
    path: '/api/v1/health',
    response: { status: 'ok', siloId: 's1', silos: [{ siloId: 's1', address: '127.0.0.1:1', status: 'active' }] },
    expect: { status: 'ok', siloId: 's1', silos: [{ siloId: 's1', address: '127.0.0.1:1', status: 'active' }] },
  },
  {
    name: 'listModules',
    call: (c) => c.listModules(),
    method: 'GET',
    path: '/api/v1/modules',
    response: [{ name: 'time', doc: 'now(), iso()' }],
    expect: [{ name: 'time', doc: 'now(), iso()' }],
  },
  {
    name: 'listPackages',
    call: (c) => c.listPackages(),
    method: 'GET',
    path: '/api/v1/packages',
    response: [{ packageId: 'counter', title: 'Counter', description: '', latestVersion: '1.1.0', versions: ['1.0.0', '1.1.0'] }],
    expect: [{ packageId: 'counter', title: 'Counter', description: '', latestVersion: '1.1.0', versions: ['1.0.0', '1.1.0'] }],
  },
  {
    name: 'getPackage',
    call: (c) => c.getPackage('counter'),
    method: 'GET',
    path: '/api/v1/packages/counter',
    response: { packageId: 'counter', title: 'Counter', description: '', latestVersion: '1.1.0', versions: [{ version: '1.1.0', title: 'Counter', widgets: ['counter'], publishedAt: '2026-11-21T00:00:00Z' }] },
    expect: { packageId: 'counter', title: 'Counter', description: '', latestVersion: '1.1.0', versions: [{ version: '1.1.0', title: 'Counter', widgets: ['counter'], publishedAt: '2026-11-21T00:00:00Z' }] },
  },
  {
    name: 'getPackageVersion',
    call: (c) => c.getPackageVersion('counter', '1.0.0-beta.1'),
    method: 'GET',
    path: '/api/v1/packages/counter/versions/1.0.0-beta.1',
    response: { packageId: 'counter', version: '1.0.0-beta.1', code: 'definePlugin(...)', manifest: { modules: [] } },
    expect: { packageId: 'counter', version: '1.0.0-beta.1', code: 'definePlugin(...)', manifest: { modules: [] } },
  },
  {
    name: 'publishPackage (201 → created)',
    call: (c) =>
      c.publishPackage('my-plugin', '0.1.0', {
        code: 'definePlugin(function(){return {widgets:{}}})',
        manifest: { title: 'Mine', capabilities: { readShared: [], writeShared: [] }, modules: ['time'] },
      }),
    method: 'PUT',
    path: '/api/v1/packages/my-plugin/versions/0.1.0',
    body: {
      code: 'definePlugin(function(){return {widgets:{}}})',
      manifest: { title: 'Mine', capabilities: { readShared: [], writeShared: [] }, modules: ['time'] },
    },
    status: 201,
    response: { packageId: 'my-plugin', version: '0.1.0', title: 'Mine', widgets: ['main'] },
    expect: { packageId: 'my-plugin', version: '0.1.0', title: 'Mine', widgets: ['main'], created: true },
  },
  {
    name: 'publishPackage (200 → same content again)',
    call: (c) => c.publishPackage('my-plugin', '0.1.0', { code: 'x' }),
    method: 'PUT',
    path: '/api/v1/packages/my-plugin/versions/0.1.0',
    body: { code: 'x' },
    status: 200,
    response: { packageId: 'my-plugin', version: '0.1.0', title: 'Mine', widgets: ['main'] },
    expect: { packageId: 'my-plugin', version: '0.1.0', title: 'Mine', widgets: ['main'], created: false },
  },
  {
    name: 'createWorkspace',
    call: (c) => c.createWorkspace('team-a'),
    method: 'POST',
    path: '/api/v1/workspaces',
    body: { workspaceId: 'team-a' },
    status: 201,
    response: { workspaceId: 'team-a' },
    expect: { workspaceId: 'team-a' },
  },
  {
    name: 'listWorkspaces',
    call: (c) => c.listWorkspaces(),
    method: 'GET',
    path: '/api/v1/workspaces',
    response: [{ workspaceId: 'team-a', createdAt: '2026-11-21T00:00:00Z' }],
    expect: [{ workspaceId: 'team-a', createdAt: '2026-11-21T00:00:00Z' }],
  },
  {
    name: 'createToken',
    call: (c) => c.createToken('demo'),
    method: 'POST',
    path: '/api/v1/workspaces/demo/tokens',
    body: {},
    status: 201,
    response: { tokenId: 't1', token: 'secret' },
    expect: { tokenId: 't1', token: 'secret' },
  },
  {
    name: 'revokeToken',
    call: (c) => c.revokeToken('demo', 't1'),
    method: 'DELETE',
    path: '/api/v1/workspaces/demo/tokens/t1',
    status: 204,
    expect: undefined,
  },
  {
    name: 'putGrants',
    call: (c) => c.putGrants('demo', 'counter', grants),
    method: 'PUT',
    path: '/api/v1/workspaces/demo/grants/counter',
    body: grants,
    response: { packageId: 'counter', ...grants },
    expect: { packageId: 'counter', ...grants },
  },
  {
    name: 'listGrants (array)',
    call: (c) => c.listGrants('demo'),
    method: 'GET',
    path: '/api/v1/workspaces/demo/grants',
    response: [{ packageId: 'counter', ...grants }],
    expect: [{ packageId: 'counter', ...grants }],
  },
  {
    name: 'defineDomain',
    call: (c) => c.defineDomain('demo', 'todo', { code: 'defineDomain({})' }),
    method: 'PUT',
    path: '/api/v1/workspaces/demo/domains/todo',
    body: { code: 'defineDomain({})' },
    status: 201,
    response: { domain: 'todo', builtIn: false, readOnly: false },
    expect: { domain: 'todo', builtIn: false, readOnly: false },
  },
  {
    name: 'listDomains',
    call: (c) => c.listDomains('demo'),
    method: 'GET',
    path: '/api/v1/workspaces/demo/domains',
    response: [{ domain: 'counter-summary', builtIn: true, readOnly: false }, { domain: 'todo', builtIn: false, readOnly: false }],
    expect: [{ domain: 'counter-summary', builtIn: true, readOnly: false }, { domain: 'todo', builtIn: false, readOnly: false }],
  },
  {
    name: 'getDomain ({domain, state})',
    call: (c) => c.getDomain('demo', 'counter-summary'),
    method: 'GET',
    path: '/api/v1/workspaces/demo/domains/counter-summary',
    response: { domain: 'counter-summary', builtIn: true, readOnly: false, state: { totalValue: 3 } },
    expect: { domain: 'counter-summary', builtIn: true, readOnly: false, state: { totalValue: 3 } },
  },
  {
    name: 'createInstance (latest)',
    call: (c) => c.createInstance('demo', { packageId: 'counter' }),
    method: 'POST',
    path: '/api/v1/workspaces/demo/instances',
    body: { packageId: 'counter' },
    status: 201,
    response: instance,
    expect: instance,
  },
  {
    name: 'createInstance (version)',
    call: (c) => c.createInstance('demo', { packageId: 'counter', version: '1.0.0' }),
    method: 'POST',
    path: '/api/v1/workspaces/demo/instances',
    body: { packageId: 'counter', version: '1.0.0' },
    status: 201,
    response: instance,
    expect: instance,
  },
  {
    name: 'listInstances',
    call: (c) => c.listInstances('demo'),
    method: 'GET',
    path: '/api/v1/workspaces/demo/instances',
    response: [{ ...instance, status: 'active' }],
    expect: [{ ...instance, status: 'active' }],
  },
  {
    name: 'getInstance (@ kept in the path)',
    call: (c) => c.getInstance('demo', 'counter@AbCd_-12'),
    method: 'GET',
    path: '/api/v1/workspaces/demo/instances/counter@AbCd_-12',
    response: { ...instance, status: 'active', state: { value: 1 } },
    expect: { ...instance, status: 'active', state: { value: 1 } },
  },
  {
    name: 'render',
    call: (c) => c.render('demo', 'counter@AbCd_-12', 'counter'),
    method: 'GET',
    path: '/api/v1/workspaces/demo/instances/counter@AbCd_-12/widgets/counter',
    response: { tree },
    expect: { tree },
  },
  {
    name: 'sendEvent',
    call: (c) => c.sendEvent('demo', 'greeter@AbCd_-12', 'greeter', { handler: 'setName', args: { value: 'Ada' } }),
    method: 'POST',
    path: '/api/v1/workspaces/demo/instances/greeter@AbCd_-12/widgets/greeter/events',
    body: { handler: 'setName', args: { value: 'Ada' } },
    response: {
      dispatches: [
        { dispatchId: 'd1', scope: 'plugin', actionType: 'set-name', outcome: 'applied' },
        { dispatchId: 'd2', scope: 'shared', actionType: 'set-name', domain: 'greeter-profile', outcome: 'denied', reason: 'missing-write-grant:greeter-profile' },
      ],
      state: { name: 'Ada' },
    },
    expect: {
      dispatches: [
        { dispatchId: 'd1', scope: 'plugin', actionType: 'set-name', outcome: 'applied' },
        { dispatchId: 'd2', scope: 'shared', actionType: 'set-name', domain: 'greeter-profile', outcome: 'denied', reason: 'missing-write-grant:greeter-profile' },
      ],
      state: { name: 'Ada' },
    },
  },
  {
    name: 'sendEvent without args sends no args field',
    call: (c) => c.sendEvent('demo', 'counter@AbCd_-12', 'counter', { handler: 'increment' }),
    method: 'POST',
    path: '/api/v1/workspaces/demo/instances/counter@AbCd_-12/widgets/counter/events',
    body: { handler: 'increment' },
    response: { dispatches: [], state: { value: 2 } },
    expect: { dispatches: [], state: { value: 2 } },
  },
  {
    name: 'getLogs',
    call: (c) => c.getLogs('demo', 'counter@AbCd_-12'),
    method: 'GET',
    path: '/api/v1/workspaces/demo/instances/counter@AbCd_-12/logs',
    response: [{ timestamp: '2026-11-21T00:00:00Z', level: 'warn', message: 'careful' }],
    expect: [{ timestamp: '2026-11-21T00:00:00Z', level: 'warn', message: 'careful' }],
  },
  {
    name: 'deleteInstance',
    call: (c) => c.deleteInstance('demo', 'counter@AbCd_-12'),
    method: 'DELETE',
    path: '/api/v1/workspaces/demo/instances/counter@AbCd_-12',
    status: 204,
    expect: undefined,
  },
  {
    name: 'timeline(limit)',
    call: (c) => c.timeline('demo', { limit: 50 }),
    method: 'GET',
    path: '/api/v1/workspaces/demo/timeline',
    query: { limit: '50' },
    response: [
      { dispatchId: 'd2', timestamp: '2026-11-21T00:00:01Z', scope: 'shared', actionType: 'set-instance', instanceId: 'counter@AbCd_-12', domain: 'counter-summary', outcome: 'applied' },
    ],
    expect: [
      { dispatchId: 'd2', timestamp: '2026-11-21T00:00:01Z', scope: 'shared', actionType: 'set-instance', instanceId: 'counter@AbCd_-12', domain: 'counter-summary', outcome: 'applied' },
    ],
  },
];

for (const c of cases) {
  test(`request shape: ${c.name}`, async () => {
    server.handler = (_req, res) => {
      if (c.response === undefined) {
        res.writeHead(c.status ?? 204);
        res.end();
      } else json(res, c.status ?? 200, c.response);
    };
    const result = await c.call(client);
    const req = server.last;
    assert.equal(req.method, c.method);
    assert.equal(req.path, c.path);
    assert.deepEqual(Object.fromEntries(req.query), c.query ?? {});
    assert.equal(req.headers['authorization'], c.auth === false ? undefined : `Bearer ${TOKEN}`);
    assert.match(String(req.headers['accept']), /application\/json/);
    if (c.body === undefined) {
      assert.equal(req.bodyText, '');
      assert.equal(req.headers['content-type'], undefined);
    } else {
      assert.match(String(req.headers['content-type']), /^application\/json/);
      assert.deepEqual(req.body, c.body);
    }
    assert.deepEqual(result, c.expect);
  });
}

test('every route method is covered by a request-shape case', () => {
  const methods = Object.getOwnPropertyNames(OrleansVmClient.prototype).filter(
    (m) => !['constructor', 'setToken', 'getToken', 'url', 'headers', 'instancePath', 'json', 'request', 'subscribe'].includes(m),
  );
  const covered = new Set(cases.map((c) => c.name.split(' ')[0]!.replace(/\(.*$/, '')));
  for (const m of methods) assert.ok(covered.has(m), `no case for ${m}`);
  assert.equal(methods.length, 23);
});

test('no token → no Authorization header; setToken changes later calls', async () => {
  server.handler = (_req, res) => json(res, 200, { status: 'ok', siloId: 's1', silos: [] });
  const anon = new OrleansVmClient({ baseUrl: server.baseUrl });
  await anon.health();
  assert.equal(server.last.headers['authorization'], undefined);
  anon.setToken('later');
  await anon.health();
  assert.equal(server.last.headers['authorization'], 'Bearer later');
});

test('baseUrl ending in /api/v1 is accepted; path segments are encoded', async () => {
  server.handler = (_req, res) => json(res, 200, { packageId: 'x', versions: [] });
  const c = new OrleansVmClient({ baseUrl: `${server.baseUrl}/api/v1/`, token: TOKEN });
  await c.getPackage('a b/c');
  assert.equal(server.last.url, '/api/v1/packages/a%20b%2Fc');
});

test('a custom fetch is used', async () => {
  const seen: string[] = [];
  const c = new OrleansVmClient({
    baseUrl: 'http://example.invalid',
    token: TOKEN,
    fetch: async (input, init) => {
      seen.push(`${init?.method} ${input}`);
      return new Response(JSON.stringify([]), { status: 200, headers: { 'Content-Type': 'application/json' } });
    },
  });
  assert.deepEqual(await c.listInstances('demo'), []);
  assert.deepEqual(seen, ['GET http://example.invalid/api/v1/workspaces/demo/instances']);
});

