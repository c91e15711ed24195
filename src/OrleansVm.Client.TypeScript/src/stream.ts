import { OrleansVmError, errorFromResponse, wrapFetchError } from './errors.js';
import type { StreamEvent, UnknownStreamEvent } from './models.js';
import { SseParser, type SseMessage } from './sse.js';

export type Unsubscribe = () => void;

export interface StreamErrorInfo {
  /** false when the subscription has stopped for good (e.g. 401/403/404). */
  willRetry: boolean;
  /** Delay before the next attempt, when `willRetry`. */
  retryInMs?: number;
  /** Consecutive failed attempts so far (1 for the first). */
  attempt: number;
}

export interface StreamOpenInfo {
  /** true for every connection after the first one (events may have been missed if the silo no longer had them: refresh). */
  reconnect: boolean;
  /** The `Last-Event-ID` sent, if any. */
  lastEventId?: string;
}

export interface StreamHandlers {
  /** Each event, in order. `data` is the parsed JSON (or the raw text when not JSON). */
  onEvent: (event: StreamEvent | UnknownStreamEvent) => void;
  /** A failed or dropped connection; the helper retries unless `info.willRetry` is false. */
  onError?: (error: OrleansVmError, info: StreamErrorInfo) => void;
  /** The stream answered 200 and is being read. */
  onOpen?: (info: StreamOpenInfo) => void;
}

export interface SubscribeOptions {
  /** Resume after this event id (sent as `Last-Event-ID` on the first connection too). */
  lastEventId?: string;
  /** Stops the subscription when aborted (same as calling the returned function). */
  signal?: AbortSignal;
  /** First reconnection delay in ms (default 1000; a `retry:` field from the server replaces it). */
  initialRetryMs?: number;
  /** Upper bound of the exponential backoff in ms (default 30000). */
  maxRetryMs?: number;
  /** Give up after this many consecutive failed attempts (default: never). */
  maxAttempts?: number;
}

export interface StreamTransport {
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  url: () => string;
  headers: () => Record<string, string>;
}

/** Statuses after which reconnecting cannot help. */
const FATAL_STATUSES = new Set([400, 401, 403, 404, 410]);

export function subscribeToStream(
  transport: StreamTransport,
  handlers: StreamHandlers,
  options: SubscribeOptions = {},
): Unsubscribe {
  const initialRetry = options.initialRetryMs ?? 1000;
  const maxRetry = options.maxRetryMs ?? 30000;
  const maxAttempts = options.maxAttempts ?? Number.POSITIVE_INFINITY;
  const parser = new SseParser(options.lastEventId);
  const stop = new AbortController();
  let current: AbortController | undefined;

  const unsubscribe: Unsubscribe = () => {
    if (stop.signal.aborted) return;
    stop.abort();
    current?.abort();
  };
  if (options.signal) {
    if (options.signal.aborted) {
      stop.abort();
      return unsubscribe;
    }
    options.signal.addEventListener('abort', unsubscribe, { once: true });
  }

  const deliver = (msg: SseMessage): void => {
    if (stop.signal.aborted) return;
    let data: unknown = msg.data;
    try {
      data = JSON.parse(msg.data);
    } catch {
      /* not JSON: keep the text */
    }
    const event = { type: msg.event, data, raw: msg.data } as UnknownStreamEvent;
    if (msg.id !== undefined) event.id = msg.id;
    try {
      handlers.onEvent(event as StreamEvent | UnknownStreamEvent);
    } catch (err) {
      // A handler bug must not kill the subscription.
      console.error('OrleansVm stream: onEvent threw', err);
    }
  };

  const report = (err: OrleansVmError, info: StreamErrorInfo): void => {
    if (stop.signal.aborted) return;
    try {
      handlers.onError?.(err, info);
    } catch (e) {
      console.error('OrleansVm stream: onError threw', e);
    }
  };

  const run = async (): Promise<void> => {
    let attempt = 0;
    let opened = false;
    while (!stop.signal.aborted) {
      const ctrl = new AbortController();
      current = ctrl;
      let failure: OrleansVmError;
      try {
        const headers: Record<string, string> = { ...transport.headers(), 'Cache-Control': 'no-cache' };
        if (parser.lastEventId !== undefined && parser.lastEventId !== '') headers['Last-Event-ID'] = parser.lastEventId;
        const sentId = headers['Last-Event-ID'];
        const res = await transport.fetch(transport.url(), { method: 'GET', headers, signal: ctrl.signal });
        if (!res.ok) {
          const err = errorFromResponse(res.status, res.statusText, await res.text().catch(() => ''));
          if (FATAL_STATUSES.has(res.status)) {
            report(err, { willRetry: false, attempt: attempt + 1 });
            return;
          }
          throw err;
        }
        const type = res.headers.get('content-type') ?? '';
        if (!type.toLowerCase().includes('text/event-stream') || !res.body) {
          await res.body?.cancel().catch(() => undefined);
          throw new OrleansVmError(res.status, 'INVALID_RESPONSE', `Expected text/event-stream, got "${type}"`);
        }
        const info: StreamOpenInfo = { reconnect: opened };
        if (sentId !== undefined) info.lastEventId = sentId;
        opened = true;
        attempt = 0;
        try {
          handlers.onOpen?.(info);
        } catch (e) {
          console.error('OrleansVm stream: onOpen threw', e);
        }
        parser.reset();
        const reader = res.body.getReader();
        const decoder = new TextDecoder('utf-8');
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            for (const msg of parser.push(decoder.decode(value, { stream: true }))) deliver(msg);
            if (stop.signal.aborted) break;
          }
          for (const msg of parser.push(decoder.decode())) deliver(msg);
        } finally {
          reader.releaseLock();
        }
        failure = new OrleansVmError(0, 'NETWORK_ERROR', 'The event stream ended');
      } catch (err) {
        if (stop.signal.aborted) return;
        failure = wrapFetchError(err, ctrl.signal);
      } finally {
        ctrl.abort();
      }
      if (stop.signal.aborted) return;
      attempt++;
      if (attempt >= maxAttempts) {
        report(failure, { willRetry: false, attempt });
        return;
      }
      const base = parser.retry ?? initialRetry;
      const delay = Math.min(maxRetry, base * 2 ** (attempt - 1));
      const jittered = Math.round(delay * (0.8 + Math.random() * 0.2));
      report(failure, { willRetry: true, retryInMs: jittered, attempt });
      await sleep(jittered, stop.signal);
    }
  };

  void run();
  return unsubscribe;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
