/**
 * A stand-in for the silo's HTTP API at the fetch level: the page's controller talks to it through
 * the real TypeScript SDK (request building, error envelopes, the SSE parser). Routes answer from
 * handlers the test sets; `/stream` is a live Server-Sent Events body the test writes events into.
 */
import type { FetchLike } from '@orleansvm/client';

export interface Call {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}

type Handler = (call: Call) => { status?: number; body?: unknown } | undefined;

export class FakeSilo {
  readonly calls: Call[] = [];
  private readonly routes: Array<{ method: string; path: RegExp; handler: Handler }> = [];
  private stream: ReadableStreamDefaultController<Uint8Array> | undefined;
  private streamOpened: (() => void) | undefined;
  private nextId = 1;
  /** Resolves when the page's event stream is connected (a new promise after `dropStream`). */
  opened: Promise<void>;

  constructor() {
    this.opened = new Promise((r) => (this.streamOpened = r));
  }

  /** Answers `method path` (path after /api/v1, `*` matches one segment) with a status and JSON body. */
  on(method: string, path: string, handler: Handler | { status?: number; body?: unknown }): this {
    const pattern = new RegExp('^' + path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+') + '$');
    this.routes.unshift({ method, path: pattern, handler: typeof handler === 'function' ? handler : () => handler });
    return this;
  }

  callsTo(method: string, pathPrefix: string): Call[] {
    return this.calls.filter((c) => c.method === method && c.path.startsWith(pathPrefix));
  }

  /** Writes one event to the open stream. */
  emit(event: string, data: unknown): void {
    if (!this.stream) throw new Error('the page has no open stream');
    const text = `id: ${this.nextId++}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    this.stream.enqueue(new TextEncoder().encode(text));
  }

  /** Ends the open stream as a dropped connection would; `opened` then waits for the reconnect. */
  dropStream(): void {
    const current = this.stream;
    this.stream = undefined;
    this.opened = new Promise((r) => (this.streamOpened = r));
    current?.close();
  }

  readonly fetch: FetchLike = async (input, init) => {
    const url = new URL(input, 'http://silo.test');
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const headers = new Headers(init?.headers);
    const call: Call = {
      method: init?.method ?? 'GET',
      path: path + url.search,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      authorization: headers.get('Authorization') ?? undefined,
    };
    this.calls.push(call);
    if (call.method === 'GET' && path.endsWith('/stream')) return this.openStream(init?.signal ?? undefined);
    const route = this.routes.find((r) => r.method === call.method && r.path.test(path));
    const answer = route?.handler(call) ?? { status: 404, body: error('NOT_FOUND', `no route ${call.method} ${path}`) };
    const status = answer.status ?? 200;
    const text = answer.body === undefined || status === 204 ? null : JSON.stringify(answer.body);
    return new Response(text, { status, headers: { 'Content-Type': 'application/json' } });
  };

  private openStream(signal: AbortSignal | undefined): Response {
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.stream = controller;
        signal?.addEventListener('abort', () => {
          if (this.stream === controller) this.stream = undefined;
          try {
            controller.close();
          } catch {
            /* already closed */
          }
        });
      },
    });
    queueMicrotask(() => this.streamOpened?.());
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  }
}

export function error(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** A silo with one operator workspace `demo`, the counter package and nothing loaded. */
export function operatorSilo(): FakeSilo {
  return new FakeSilo()
    .on('GET', '/workspaces', { body: [{ workspaceId: 'demo' }] })
    .on('GET', '/packages', { body: [{ packageId: 'counter', title: 'Counter', latestVersion: '1.0.0', versions: ['1.0.0'] }] })
    .on('GET', '/workspaces/demo/instances', { body: [] })
    .on('GET', '/workspaces/demo/timeline', { body: [] })
    .on('GET', '/workspaces/demo/domains', { body: [] })
    .on('GET', '/workspaces/demo/grants', { body: [] })
    .on('GET', '/modules', { body: [{ name: 'kv' }, { name: 'time' }] });
}
