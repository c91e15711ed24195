import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type http from 'node:http';
import { OrleansVmClient, OrleansVmError, type StreamEvent, type UnknownStreamEvent } from '../src/index.js';
import { TestServer, json, until, delay } from './server.js';

let server: TestServer;
let client: OrleansVmClient;

before(async () => {
  server = await new TestServer().start();
  client = new OrleansVmClient({ baseUrl: server.baseUrl, token: 'client-token' });
});
after(() => server.stop());

// Every subscription of a test ends with it, even when the test fails.
const live: Array<() => void> = [];
afterEach(() => {
  for (const u of live.splice(0)) u();
});
function track(u: () => void): () => void {
  live.push(u);
  return u;
}

function sseHead(res: http.ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' });
  res.flushHeaders();
}

test('subscribe sends the token and Accept, parses events split across chunks, unsubscribes', async () => {
  let open: http.ServerResponse | undefined;
  server.handler = async (_req, res) => {
    open = res;
    sseHead(res);
    const text =
      ': connected\n\n' +
      'id: 1\nevent: instance.created\ndata: {"instanceId":"counter@aaaaaaaa","packageId":"counter"}\n\n' +
      'id: 2\r\nevent: dispatch\r\ndata: {"dispatchId":"d1","scope":"shared",\r\ndata: "outcome":"denied","reason":"missing-write-grant:counter-summary"}\r\n\r\n' +
      'id: 3\nevent: domain.changed\ndata: {"domain":"counter-summary"}\n\n';
    // write in small pieces with pauses, so line boundaries fall inside chunks
    for (let i = 0; i < text.length; i += 7) {
      res.write(text.slice(i, i + 7));
      await delay(1);
    }
  };
  const events: Array<StreamEvent | UnknownStreamEvent> = [];
  const opens: unknown[] = [];
  const unsubscribe = track(client.subscribe('demo', {
    onEvent: (e) => events.push(e),
    onOpen: (info) => opens.push(info),
  }));
  await until(() => events.length === 3, 3000, '3 events');
  const req = server.last;
  assert.equal(req.method, 'GET');
  assert.equal(req.path, '/api/v1/workspaces/demo/stream');
  assert.equal(req.headers['authorization'], 'Bearer client-token');
  assert.equal(req.headers['accept'], 'text/event-stream');
  assert.equal(req.headers['last-event-id'], undefined);
  assert.deepEqual(opens, [{ reconnect: false }]);
  assert.deepEqual(
    events.map((e) => [e.type, e.id]),
    [['instance.created', '1'], ['dispatch', '2'], ['domain.changed', '3']],
  );
  assert.deepEqual(events[0]!.data, { instanceId: 'counter@aaaaaaaa', packageId: 'counter' });
  assert.deepEqual(events[1]!.data, {
    dispatchId: 'd1',
    scope: 'shared',
    outcome: 'denied',
    reason: 'missing-write-grant:counter-summary',
  });
  unsubscribe();
  await until(() => open!.destroyed || open!.writableEnded || open!.socket === null || open!.socket.destroyed, 2000, 'server sees the close');
});

test('after a drop it reconnects with Last-Event-ID and backoff, and resumes', async () => {
  let connection = 0;
  const connectedAt: number[] = [];
  server.handler = async (req, res) => {
    connection++;
    connectedAt.push(Date.now());
    sseHead(res);
    if (connection === 1) {
      res.write('id: 41\nevent: instance.state\ndata: {"instanceId":"counter@aaaaaaaa"}\n\n');
      res.write('id: 42\nevent: instance.state\ndata: {"instanceId":"counter@bbbbbbbb"}\n\n');
      res.write('id: 43\nevent: instance.sta'); // dropped in the middle of an event
      await delay(20);
      res.destroy();
    } else if (connection === 2) {
      assert.equal(req.headers['last-event-id'], '42');
      res.destroy(); // dropped before any event: backoff grows
    } else {
      assert.equal(req.headers['last-event-id'], '42');
      res.write('id: 43\nevent: instance.removed\ndata: {"instanceId":"counter@aaaaaaaa"}\n\n');
    }
  };
  const events: Array<StreamEvent | UnknownStreamEvent> = [];
  const errors: Array<{ e: OrleansVmError; retry: boolean; ms?: number; attempt: number }> = [];
  const opens: Array<{ reconnect: boolean; lastEventId?: string }> = [];
  const unsubscribe = track(client.subscribe(
    'demo',
    {
      onEvent: (e) => events.push(e),
      onError: (e, info) => {
        const rec: { e: OrleansVmError; retry: boolean; ms?: number; attempt: number } = { e, retry: info.willRetry, attempt: info.attempt };
        if (info.retryInMs !== undefined) rec.ms = info.retryInMs;
        errors.push(rec);
      },
      onOpen: (info) => opens.push(info),
    },
    { initialRetryMs: 40, maxRetryMs: 1000 },
  ));
  await until(() => events.length === 3, 5000, 'resumed event');
  unsubscribe();
  assert.deepEqual(
    events.map((e) => [e.type, e.id]),
    [['instance.state', '41'], ['instance.state', '42'], ['instance.removed', '43']],
  );
  assert.equal(connection, 3);
  assert.deepEqual(opens, [
    { reconnect: false },
    { reconnect: true, lastEventId: '42' },
    { reconnect: true, lastEventId: '42' },
  ]);
  assert.ok(errors.length >= 2);
  assert.ok(errors.every((x) => x.retry && x.e instanceof OrleansVmError));
  assert.equal(errors[0]!.attempt, 1);
  assert.equal(errors[1]!.attempt, 1, 'a successful open resets the backoff');
  const gap = connectedAt[1]! - connectedAt[0]!;
  assert.ok(gap >= 25, `waited ${gap} ms before reconnecting`);
});

test('connection failures back off exponentially', async () => {
  let n = 0;
  const at: number[] = [];
  server.handler = (_req, res) => {
    n++;
    at.push(Date.now());
    json(res, 503, { error: { code: 'UNAVAILABLE', message: 'later' } });
  };
  const errors: Array<[string, number, number | undefined]> = [];
  const unsubscribe = track(client.subscribe(
    'demo',
    { onEvent: () => undefined, onError: (e, i) => errors.push([e.code, i.attempt, i.retryInMs]) },
    { initialRetryMs: 30, maxRetryMs: 10000 },
  ));
  await until(() => n >= 4, 5000, '4 attempts');
  unsubscribe();
  assert.deepEqual(errors.slice(0, 3).map((e) => [e[0], e[1]]), [['UNAVAILABLE', 1], ['UNAVAILABLE', 2], ['UNAVAILABLE', 3]]);
  const delays = errors.slice(0, 3).map((e) => e[2]!);
  assert.ok(delays[0]! >= 24 && delays[0]! <= 30, `first delay ${delays[0]}`);
  assert.ok(delays[1]! >= 48 && delays[1]! <= 60, `second delay ${delays[1]}`);
  assert.ok(delays[2]! >= 96 && delays[2]! <= 120, `third delay ${delays[2]}`);
});

test('401/403/404 stop the subscription (no retry)', async () => {
  for (const [status, code] of [[401, 'UNAUTHORIZED'], [403, 'FORBIDDEN'], [404, 'WORKSPACE_NOT_FOUND']] as const) {
    let n = 0;
    server.handler = (_req, res) => {
      n++;
      json(res, status, { error: { code, message: 'no' } });
    };
    const errors: Array<[string, boolean]> = [];
    track(client.subscribe('demo', { onEvent: () => undefined, onError: (e, i) => errors.push([e.code, i.willRetry]) }, { initialRetryMs: 10 }));
    await until(() => errors.length === 1, 2000, 'fatal error');
    await delay(60);
    assert.equal(n, 1);
    assert.deepEqual(errors, [[code, false]]);
  }
});

test('lastEventId option is sent on the first connection; AbortSignal stops it; non-SSE answer retries', async () => {
  let n = 0;
  const ids: Array<string | undefined> = [];
  server.handler = (req, res) => {
    n++;
    ids.push(req.headers['last-event-id'] as string | undefined);
    if (n === 1) json(res, 200, { not: 'a stream' });
    else {
      sseHead(res);
      res.write('data: plain text\n\n');
    }
  };
  const ctrl = new AbortController();
  const events: Array<StreamEvent | UnknownStreamEvent> = [];
  const codes: string[] = [];
  client.subscribe(
    'demo',
    { onEvent: (e) => events.push(e), onError: (e) => codes.push(e.code) },
    { lastEventId: '99', signal: ctrl.signal, initialRetryMs: 10 },
  );
  await until(() => events.length === 1, 3000, 'event');
  ctrl.abort();
  assert.deepEqual(ids, ['99', '99']);
  assert.deepEqual(codes, ['INVALID_RESPONSE']);
  assert.equal(events[0]!.type, 'message');
  assert.equal(events[0]!.data, 'plain text');
  assert.equal(events[0]!.id, '99');
});

test('a throwing onEvent does not stop the stream', async () => {
  server.handler = (_req, res) => {
    sseHead(res);
    res.write('id: 1\ndata: 1\n\nid: 2\ndata: 2\n\n');
  };
  const seen: unknown[] = [];
  const origError = console.error;
  console.error = () => undefined;
  try {
    const unsubscribe = track(client.subscribe('demo', {
      onEvent: (e) => {
        seen.push(e.data);
        if (e.data === 1) throw new Error('handler bug');
      },
    }));
    await until(() => seen.length === 2, 2000, 'two events');
    unsubscribe();
  } finally {
    console.error = origError;
  }
  assert.deepEqual(seen, [1, 2]);
});
