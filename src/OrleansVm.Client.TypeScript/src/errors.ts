import type { ErrorCode } from './models.js';

/**
 * The one error type the SDK throws. `status` is the HTTP status (0 when no response
 * arrived: network failure or abort), `code` the API's error code (http-api.md) or one of
 * the SDK's own: `NETWORK_ERROR`, `ABORTED`, `INVALID_RESPONSE`, `HTTP_ERROR`.
 */
export class OrleansVmError extends Error {
  override readonly name = 'OrleansVmError';
  readonly status: number;
  readonly code: ErrorCode | (string & {});
  readonly details: Record<string, unknown> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** True when the call was cancelled through its AbortSignal. */
  get aborted(): boolean {
    return this.code === 'ABORTED';
  }

  toJSON(): { status: number; code: string; message: string; details?: Record<string, unknown> } {
    const out: { status: number; code: string; message: string; details?: Record<string, unknown> } = {
      status: this.status,
      code: this.code,
      message: this.message,
    };
    if (this.details !== undefined) out.details = this.details;
    return out;
  }
}

/** The code used when an error response has no (valid) JSON error body. */
export function codeForStatus(status: number): string {
  switch (status) {
    case 400: return 'INVALID_REQUEST';
    case 401: return 'UNAUTHORIZED';
    case 403: return 'FORBIDDEN';
    case 404: return 'NOT_FOUND';
    case 413: return 'PAYLOAD_TOO_LARGE';
    case 502:
    case 503:
    case 504: return 'UNAVAILABLE';
    default: return status >= 500 ? 'INTERNAL' : 'HTTP_ERROR';
  }
}

/** Builds an OrleansVmError from a non-2xx response body (JSON error envelope or anything else). */
export function errorFromResponse(status: number, statusText: string, bodyText: string): OrleansVmError {
  let parsed: unknown;
  try {
    parsed = bodyText.length > 0 ? JSON.parse(bodyText) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed && typeof parsed === 'object' && 'error' in parsed) {
    const e = (parsed as { error: unknown }).error;
    if (e && typeof e === 'object') {
      const { code, message, details } = e as { code?: unknown; message?: unknown; details?: unknown };
      return new OrleansVmError(
        status,
        typeof code === 'string' && code.length > 0 ? code : codeForStatus(status),
        typeof message === 'string' && message.length > 0 ? message : defaultMessage(status, statusText),
        details && typeof details === 'object' && !Array.isArray(details)
          ? (details as Record<string, unknown>)
          : undefined,
      );
    }
  }
  const snippet = bodyText.trim().slice(0, 300);
  return new OrleansVmError(
    status,
    codeForStatus(status),
    defaultMessage(status, statusText),
    snippet.length > 0 ? { body: snippet } : undefined,
  );
}

function defaultMessage(status: number, statusText: string): string {
  return `HTTP ${status}${statusText ? ' ' + statusText : ''}`;
}

export function isAbortError(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    ((err as { name?: unknown }).name === 'AbortError' || (err as { name?: unknown }).name === 'TimeoutError')
  );
}

/** Wraps whatever `fetch` or a body read threw into an OrleansVmError. */
export function wrapFetchError(err: unknown, signal?: AbortSignal): OrleansVmError {
  if (err instanceof OrleansVmError) return err;
  if (isAbortError(err) || signal?.aborted) {
    return new OrleansVmError(0, 'ABORTED', 'The request was aborted', undefined, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new OrleansVmError(0, 'NETWORK_ERROR', `Network error: ${message}`, undefined, { cause: err });
}
