/**
 * A Server-Sent Events parser following the WHATWG "event stream interpretation" rules:
 * lines end with CRLF, LF or CR (also when the CR and LF arrive in different chunks);
 * lines starting with `:` are comments; `field: value` drops one leading space of the value;
 * `data` lines are joined with `\n`; a blank line dispatches the event (not when its data is
 * empty); `id` (without NUL) sets the last event id, which persists across events;
 * `retry` (digits only) sets the reconnection delay. A leading BOM is dropped.
 */
export interface SseMessage {
  /** `message` when no `event:` field was given. */
  event: string;
  data: string;
  /** The last event id in effect when this event was dispatched (may be inherited). */
  id: string | undefined;
}

export class SseParser {
  private buffer = '';
  private pendingCr = false;
  private firstChunk = true;
  private eventType = '';
  private data: string[] = [];
  private hasData = false;
  private idBuffer: string | undefined;
  /**
   * The id of the last *completed* event (persists across events; what `Last-Event-ID` sends).
   * An `id:` line takes effect when its event ends with a blank line, so the id of an event cut
   * off by a dropped connection is never claimed.
   */
  lastEventId: string | undefined;
  /** The last valid `retry:` value, in milliseconds. */
  retry: number | undefined;

  constructor(lastEventId?: string) {
    this.lastEventId = lastEventId;
    this.idBuffer = lastEventId;
  }

  /** Feeds a decoded chunk; returns the events completed by it. */
  push(chunk: string): SseMessage[] {
    if (this.firstChunk && chunk.length > 0) {
      this.firstChunk = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const out: SseMessage[] = [];
    if (chunk.length === 0) return out;
    let text = chunk;
    if (this.pendingCr) {
      // A CR ended the previous chunk: a LF right now belongs to the same line ending.
      this.pendingCr = false;
      if (text.startsWith('\n')) text = text.slice(1);
    }
    const buffer = this.buffer + text;
    let start = 0;
    for (let i = this.buffer.length; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (c === 10 /* \n */ || c === 13 /* \r */) {
        const line = buffer.slice(start, i);
        if (c === 13) {
          if (i + 1 < buffer.length) {
            if (buffer.charCodeAt(i + 1) === 10) i++;
          } else {
            this.pendingCr = true;
          }
        }
        start = i + 1;
        const msg = this.line(line);
        if (msg) out.push(msg);
      }
    }
    this.buffer = buffer.slice(start);
    return out;
  }

  /** Forgets a partial line and a partial event (after a dropped connection); keeps lastEventId. */
  reset(): void {
    this.buffer = '';
    this.pendingCr = false;
    this.firstChunk = true;
    this.eventType = '';
    this.data = [];
    this.hasData = false;
    this.idBuffer = this.lastEventId;
  }

  private line(line: string): SseMessage | undefined {
    if (line.length === 0) return this.dispatch();
    if (line.charCodeAt(0) === 58 /* : */) return undefined; // comment / keep-alive
    const colon = line.indexOf(':');
    let field: string;
    let value: string;
    if (colon === -1) {
      field = line;
      value = '';
    } else {
      field = line.slice(0, colon);
      value = line.slice(colon + 1);
      if (value.charCodeAt(0) === 32 /* space */) value = value.slice(1);
    }
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.data.push(value);
        this.hasData = true;
        break;
      case 'id':
        if (!value.includes('\u0000')) this.idBuffer = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break; // unknown fields are ignored
    }
    return undefined;
  }

  private dispatch(): SseMessage | undefined {
    this.lastEventId = this.idBuffer;
    const hasData = this.hasData;
    const msg: SseMessage = {
      event: this.eventType === '' ? 'message' : this.eventType,
      data: this.data.join('\n'),
      id: this.lastEventId === '' ? undefined : this.lastEventId,
    };
    this.eventType = '';
    this.data = [];
    this.hasData = false;
    return hasData ? msg : undefined;
  }
}
