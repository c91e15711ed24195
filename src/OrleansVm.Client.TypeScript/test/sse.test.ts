import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser, type SseMessage } from '../src/index.js';

function feed(chunks: string[], parser = new SseParser()): SseMessage[] {
  const out: SseMessage[] = [];
  for (const c of chunks) out.push(...parser.push(c));
  return out;
}

/** Splits `text` at every possible pair of positions and checks the parse never changes. */
function everySplit(text: string, expected: SseMessage[]): void {
  for (let i = 0; i <= text.length; i++) {
    for (let j = i; j <= text.length; j += 3) {
      assert.deepEqual(feed([text.slice(0, i), text.slice(i, j), text.slice(j)]), expected, `split at ${i},${j}`);
    }
  }
}

test('one event with id, event and JSON data', () => {
  const msgs = feed(['id: 7\nevent: instance.state\ndata: {"instanceId":"counter@aaaaaaaa"}\n\n']);
  assert.deepEqual(msgs, [{ id: '7', event: 'instance.state', data: '{"instanceId":"counter@aaaaaaaa"}' }]);
});

test('multi-line data is joined with \\n', () => {
  const msgs = feed(['event: dispatch\ndata: {"a":\ndata: 1}\ndata:\n\n']);
  assert.deepEqual(msgs, [{ id: undefined, event: 'dispatch', data: '{"a":\n1}\n' }]);
});

test('comments, unknown fields and a field without colon are ignored; default event is message', () => {
  const msgs = feed([': keep-alive\n:\nfoo: bar\ndata: x\nretry\n\n']);
  assert.deepEqual(msgs, [{ id: undefined, event: 'message', data: 'x' }]);
});

test('only one leading space is dropped; colons in values are kept', () => {
  const msgs = feed(['data:  two spaces: yes\ndata:none\n\n']);
  assert.deepEqual(msgs, [{ id: undefined, event: 'message', data: ' two spaces: yes\nnone' }]);
});

test('CRLF, CR and LF line endings, also split between chunks', () => {
  const text = 'id: 1\r\nevent: a\rdata: x\n\r\nid: 2\revent: b\r\ndata: y\r\r';
  const expected = [
    { id: '1', event: 'a', data: 'x' },
    { id: '2', event: 'b', data: 'y' },
  ];
  everySplit(text, expected);
});

test('chunk boundaries anywhere inside lines give the same events', () => {
  const text =
    ': hello\n\nid: 10\nevent: instance.created\ndata: {"instanceId":"greeter@abcdefgh",\ndata: "packageId":"greeter"}\n\n' +
    'id: 11\nevent: domain.changed\ndata: {"domain":"greeter-profile"}\n\n';
  everySplit(text, [
    { id: '10', event: 'instance.created', data: '{"instanceId":"greeter@abcdefgh",\n"packageId":"greeter"}' },
    { id: '11', event: 'domain.changed', data: '{"domain":"greeter-profile"}' },
  ]);
});

test('an event without data is not dispatched, but its id is kept', () => {
  const p = new SseParser();
  assert.deepEqual(p.push('id: 5\nevent: x\n\n'), []);
  assert.equal(p.lastEventId, '5');
  assert.deepEqual(p.push('data: y\n\n'), [{ id: '5', event: 'message', data: 'y' }]);
});

test('an incomplete event at the end is not dispatched; reset() drops it', () => {
  const p = new SseParser();
  assert.deepEqual(p.push('id: 1\ndata: a\n\nid: 2\ndata: partial'), [{ id: '1', event: 'message', data: 'a' }]);
  assert.equal(p.lastEventId, '1', 'the id of an unfinished event is not claimed');
  p.reset();
  assert.deepEqual(p.push('data: b\n\n'), [{ id: '1', event: 'message', data: 'b' }]);
});

test('retry sets the reconnection delay (digits only); id with NUL is ignored; BOM dropped', () => {
  const p = new SseParser('0');
  p.push('\uFEFFretry: 2500\nretry: soon\nid: a\u0000b\ndata: z\n\n');
  assert.deepEqual(p.push('\uFEFFdata: a BOM later is not stripped\n\n'), []);
  assert.equal(p.retry, 2500);
  assert.equal(p.lastEventId, '0');
});

test('UTF-8 text survives when decoded in stream mode', () => {
  const bytes = new TextEncoder().encode('data: {"name":"Zoë 🙂"}\n\n');
  const decoder = new TextDecoder();
  const p = new SseParser();
  const out: SseMessage[] = [];
  for (let i = 0; i < bytes.length; i++) out.push(...p.push(decoder.decode(bytes.subarray(i, i + 1), { stream: true })));
  assert.deepEqual(out, [{ id: undefined, event: 'message', data: '{"name":"Zoë 🙂"}' }]);
});
