import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { OrleansVmClient, OrleansVmError } from '../src/index.js';
import { TestServer, json, delay } from './server.js';

let server: TestServer;
let client: OrleansVmClient;

before(async () => {
  server = await new TestServer().start();
  client = new OrleansVmClient({ baseUrl: server.baseUrl, token: 't' });
});
after(() => server.stop());

async function expectError(p: Promise<unknown>): Promise<OrleansVmError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof OrleansVmError, `expected OrleansVmError, got ${String(e)}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'OrleansVmError');
    return e;
  }
  assert.fail('expected the call to fail');
}

const apiErrors: Array<[number, string, string, Record<string, unknown> | undefined]> = [
  [400, 'VALIDATION_ERROR', 'packageId is invalid', { field: 'packageId' }],
  [400, 'INVALID_REQUEST', 'Unknown field "x"', undefined],
  [401, 'UNAUTHORIZED', 'Missing or unknown token', undefined],
  [403, 'FORBIDDEN', 'Operator token required', undefined],
  [404, 'INSTANCE_NOT_FOUND', 'No instance counter@aaaaaaaa', undefined],
  [409, 'PACKAGE_VERSION_EXISTS', 'counter@1.0.0 exists with other content', undefined],
  [413, 'PAYLOAD_TOO_LARGE', 'Body over 1 MiB', { limit: 1048576 }],
  [422, 'RUNTIME_TIMEOUT', 'render took longer than 100 ms', { limit: 'time', ms: 100 }],
  [422, 'PLUGIN_RUNTIME_ERROR', 'boom', { line: 3, column: 7 }],
  [500, 'INTERNAL', 'Internal error', undefined],
  [503, 'UNAVAILABLE', 'Owning silo unreachable', undefined],
];

for (const [status, code, message, details] of apiErrors) {
  test(`HTTP ${status} ${code} → OrleansVmError with code/message/details`, async () => {
    server.handler = (_req, res) =>
      json(res, status, { error: details ? { code, message, details } : { code, message } });
    const e = await expectError(client.getInstance('demo', 'counter@aaaaaaaa'));
    assert.equal(e.status, status);
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    assert.deepEqual(e.details, details);
    assert.deepEqual(JSON.parse(JSON.stringify(e)), details ? { status, code, message, details } : { status, code, message });
  });
}

test('non-JSON 502 (a proxy page) → UNAVAILABLE with a body snippet', async () => {
  server.handler = (_req, res) => {
    res.writeHead(502, { 'Content-Type': 'text/html' });
    res.end('<html><body>Bad Gateway</body></html>');
  };
  const e = await expectError(client.listPackages());
  assert.equal(e.status, 502);
  assert.equal(e.code, 'UNAVAILABLE');
  assert.match(e.message, /502/);
  assert.deepEqual(e.details, { body: '<html><body>Bad Gateway</body></html>' });
});

test('empty 500 → INTERNAL; empty 404 → NOT_FOUND; 418 JSON without envelope → HTTP_ERROR', async () => {
  server.handler = (_req, res) => {
    res.writeHead(500);
    res.end();
  };
  let e = await expectError(client.listPackages());
  assert.equal(e.code, 'INTERNAL');
  assert.equal(e.details, undefined);
  server.handler = (_req, res) => {
    res.writeHead(404);
    res.end();
  };
  e = await expectError(client.listPackages());
  assert.equal(e.code, 'NOT_FOUND');
  server.handler = (_req, res) => json(res, 418, { teapot: true });
  e = await expectError(client.listPackages());
  assert.equal(e.code, 'HTTP_ERROR');
  assert.equal(e.status, 418);
});

test('invalid JSON in a 200 → INVALID_RESPONSE', async () => {
  server.handler = (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{not json');
  };
  const e = await expectError(client.health());
  assert.equal(e.code, 'INVALID_RESPONSE');
  assert.equal(e.status, 200);
});

test('connection refused → NETWORK_ERROR, status 0', async () => {
  const dead = new OrleansVmClient({ baseUrl: 'http://127.0.0.1:1', token: 't' });
  const e = await expectError(dead.health());
  assert.equal(e.code, 'NETWORK_ERROR');
  assert.equal(e.status, 0);
});

test('abort while waiting for the answer → ABORTED', async () => {
  server.handler = async (_req, res) => {
    await delay(2000);
    if (!res.destroyed) json(res, 200, []);
  };
  const ctrl = new AbortController();
  const p = client.listInstances('demo', { signal: ctrl.signal });
  setTimeout(() => ctrl.abort(), 30);
  const started = Date.now();
  const e = await expectError(p);
  assert.equal(e.code, 'ABORTED');
  assert.equal(e.aborted, true);
  assert.equal(e.status, 0);
  assert.ok(Date.now() - started < 1500, 'abort should end the call at once');
});

test('an already aborted signal fails without a request', async () => {
  const before = server.requests.length;
  const e = await expectError(client.health({ signal: AbortSignal.abort() }));
  assert.equal(e.code, 'ABORTED');
  assert.equal(server.requests.length, before);
});

test('every call takes a signal (a POST with body)', async () => {
  server.handler = async (_req, res) => {
    await delay(2000);
    if (!res.destroyed) json(res, 200, {});
  };
  const ctrl = new AbortController();
  const p = client.sendEvent('demo', 'counter@aaaaaaaa', 'counter', { handler: 'increment' }, { signal: ctrl.signal });
  setTimeout(() => ctrl.abort(), 30);
  assert.equal((await expectError(p)).code, 'ABORTED');
});
