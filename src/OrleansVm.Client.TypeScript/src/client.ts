import { OrleansVmError, errorFromResponse, wrapFetchError } from './errors.js';
import { subscribeToStream, type StreamHandlers, type SubscribeOptions, type Unsubscribe } from './stream.js';
import type {
  CreatedInstance,
  CreatedToken,
  CreateInstanceRequest,
  DefineDomainRequest,
  DomainState,
  DomainSummary,
  EventRequest,
  EventResult,
  GrantsRequest,
  Health,
  InstanceDetails,
  InstanceListItem,
  LogLine,
  NativeModuleInfo,
  PackageDetails,
  PackageGrants,
  PackageSummary,
  PackageVersion,
  PublishRequest,
  PublishResult,
  RenderResult,
  TimelineEntry,
  WorkspaceInfo,
} from './models.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface OrleansVmClientOptions {
  /**
   * The silo's origin, e.g. `http://127.0.0.1:5080` (a trailing `/` or `/api/v1` is dropped).
   * In a browser page served by the silo, `''` or `location.origin` (same origin).
   */
  baseUrl: string;
  /** Bearer token (operator or client); optional for `health()`. */
  token?: string;
  /** A fetch implementation; defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

/** Options every call takes. */
export interface CallOptions {
  signal?: AbortSignal;
}

interface RequestSpec extends CallOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
}

/** Encodes one path segment; `@` (instance ids) is a legal path character and stays as is. */
export function segment(value: string): string {
  return encodeURIComponent(value).replace(/%40/g, '@');
}

/**
 * A typed client of the OrleansVm HTTP/JSON API (http-api.md): one method per route, an
 * `AbortSignal` on every call, every failure thrown as {@link OrleansVmError}.
 */
export class OrleansVmClient {
  readonly baseUrl: string;
  private token: string | undefined;
  private readonly fetchImpl: FetchLike;
  private readonly extraHeaders: Record<string, string>;

  constructor(options: OrleansVmClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.token = options.token;
    this.extraHeaders = { ...(options.headers ?? {}) };
    const f = options.fetch;
    // Never call the global fetch as a method of another object ("Illegal invocation" in browsers).
    this.fetchImpl = f ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Replaces the bearer token used by later calls (and later stream reconnects). */
  setToken(token: string | undefined): void {
    this.token = token;
  }

  getToken(): string | undefined {
    return this.token;
  }

  /** The absolute (or origin-relative) URL of an API path such as `/workspaces/demo/stream`. */
  url(path: string, query?: Record<string, string | number | undefined>): string {
    let u = `${this.baseUrl}/api/v1${path}`;
    if (query) {
      const q = Object.entries(query)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join('&');
      if (q) u += `?${q}`;
    }
    return u;
  }

  /** Headers of an API call (Authorization, Accept, extras). */
  headers(accept = 'application/json'): Record<string, string> {
    const h: Record<string, string> = { Accept: accept, ...this.extraHeaders };
    if (this.token) h['Authorization'] = `Bearer ${this.token}`;
    return h;
  }

  // ------------------------------------------------------------------ anyone / any token

  /** `GET /api/v1/health` (no token needed). */
  health(opts?: CallOptions): Promise<Health> {
    return this.json<Health>('GET', '/health', opts);
  }

  /** `GET /api/v1/modules`: the native-module catalog. */
  listModules(opts?: CallOptions): Promise<NativeModuleInfo[]> {
    return this.json<NativeModuleInfo[]>('GET', '/modules', opts);
  }

  // ------------------------------------------------------------------ packages

  /** `GET /api/v1/packages`. */
  listPackages(opts?: CallOptions): Promise<PackageSummary[]> {
    return this.json<PackageSummary[]>('GET', '/packages', opts);
  }

  /** `GET /api/v1/packages/{packageId}`: the package's versions. */
  getPackage(packageId: string, opts?: CallOptions): Promise<PackageDetails> {
    return this.json<PackageDetails>('GET', `/packages/${segment(packageId)}`, opts);
  }

  /** `GET /api/v1/packages/{packageId}/versions/{version}`: code and manifest. */
  getPackageVersion(packageId: string, version: string, opts?: CallOptions): Promise<PackageVersion> {
    return this.json<PackageVersion>('GET', `/packages/${segment(packageId)}/versions/${segment(version)}`, opts);
  }

  /**
   * `PUT /api/v1/packages/{packageId}/versions/{version}` (operator). 201 → `created: true`;
   * the same content again → 200, `created: false`; other content → 409 `PACKAGE_VERSION_EXISTS`.
   */
  async publishPackage(
    packageId: string,
    version: string,
    request: PublishRequest,
    opts?: CallOptions,
  ): Promise<PublishResult> {
    const { status, body } = await this.request(
      'PUT',
      `/packages/${segment(packageId)}/versions/${segment(version)}`,
      { ...opts, body: request },
    );
    return { ...(body as Omit<PublishResult, 'created'>), created: status === 201 };
  }

  // ------------------------------------------------------------------ workspaces & tokens (operator)

  /** `POST /api/v1/workspaces` (operator). */
  createWorkspace(workspaceId: string, opts?: CallOptions): Promise<WorkspaceInfo> {
    return this.json<WorkspaceInfo>('POST', '/workspaces', { ...opts, body: { workspaceId } });
  }

  /** `GET /api/v1/workspaces` (operator). */
  listWorkspaces(opts?: CallOptions): Promise<WorkspaceInfo[]> {
    return this.json<WorkspaceInfo[]>('GET', '/workspaces', opts);
  }

  /** `POST /api/v1/workspaces/{ws}/tokens` (operator): a client token, shown once. */
  createToken(workspaceId: string, opts?: CallOptions): Promise<CreatedToken> {
    return this.json<CreatedToken>('POST', `/workspaces/${segment(workspaceId)}/tokens`, { ...opts, body: {} });
  }

  /** `DELETE /api/v1/workspaces/{ws}/tokens/{tokenId}` (operator). */
  async revokeToken(workspaceId: string, tokenId: string, opts?: CallOptions): Promise<void> {
    await this.request('DELETE', `/workspaces/${segment(workspaceId)}/tokens/${segment(tokenId)}`, opts);
  }

  // ------------------------------------------------------------------ grants (operator)

  /** `PUT /api/v1/workspaces/{ws}/grants/{packageId}` (operator). */
  putGrants(workspaceId: string, packageId: string, grants: GrantsRequest, opts?: CallOptions): Promise<PackageGrants> {
    const body: GrantsRequest = { readShared: grants.readShared, writeShared: grants.writeShared, modules: grants.modules };
    return this.json<PackageGrants>('PUT', `/workspaces/${segment(workspaceId)}/grants/${segment(packageId)}`, { ...opts, body });
  }

  /** `GET /api/v1/workspaces/{ws}/grants` (operator): one entry per package with a grant. */
  listGrants(workspaceId: string, opts?: CallOptions): Promise<PackageGrants[]> {
    return this.json<PackageGrants[]>('GET', `/workspaces/${segment(workspaceId)}/grants`, opts);
  }

  // ------------------------------------------------------------------ shared domains (operator)

  /** `PUT /api/v1/workspaces/{ws}/domains/{domain}` (operator): define a domain from ES5 code. */
  async defineDomain(
    workspaceId: string,
    domain: string,
    request: DefineDomainRequest,
    opts?: CallOptions,
  ): Promise<DomainSummary> {
    return this.json<DomainSummary>('PUT', `/workspaces/${segment(workspaceId)}/domains/${segment(domain)}`, {
      ...opts,
      body: request,
    });
  }

  /** `GET /api/v1/workspaces/{ws}/domains` (operator). */
  listDomains(workspaceId: string, opts?: CallOptions): Promise<DomainSummary[]> {
    return this.json<DomainSummary[]>('GET', `/workspaces/${segment(workspaceId)}/domains`, opts);
  }

  /** `GET /api/v1/workspaces/{ws}/domains/{domain}` (operator): the raw state. */
  getDomain(workspaceId: string, domain: string, opts?: CallOptions): Promise<DomainState> {
    return this.json<DomainState>('GET', `/workspaces/${segment(workspaceId)}/domains/${segment(domain)}`, opts);
  }

  // ------------------------------------------------------------------ instances (client)

  /** `POST /api/v1/workspaces/{ws}/instances`: the server makes the instance id. */
  createInstance(workspaceId: string, request: CreateInstanceRequest, opts?: CallOptions): Promise<CreatedInstance> {
    const body: CreateInstanceRequest = { packageId: request.packageId };
    if (request.version !== undefined && request.version !== '') body.version = request.version;
    return this.json<CreatedInstance>('POST', `/workspaces/${segment(workspaceId)}/instances`, { ...opts, body });
  }

  /** `GET /api/v1/workspaces/{ws}/instances`. */
  listInstances(workspaceId: string, opts?: CallOptions): Promise<InstanceListItem[]> {
    return this.json<InstanceListItem[]>('GET', `/workspaces/${segment(workspaceId)}/instances`, opts);
  }

  /** `GET /api/v1/workspaces/{ws}/instances/{instanceId}`. */
  getInstance(workspaceId: string, instanceId: string, opts?: CallOptions): Promise<InstanceDetails> {
    return this.json<InstanceDetails>('GET', this.instancePath(workspaceId, instanceId), opts);
  }

  /** `GET .../instances/{instanceId}/widgets/{widgetId}`: render a widget. */
  render(workspaceId: string, instanceId: string, widgetId: string, opts?: CallOptions): Promise<RenderResult> {
    return this.json<RenderResult>('GET', `${this.instancePath(workspaceId, instanceId)}/widgets/${segment(widgetId)}`, opts);
  }

  /** `POST .../instances/{instanceId}/widgets/{widgetId}/events`: run a handler. */
  sendEvent(
    workspaceId: string,
    instanceId: string,
    widgetId: string,
    event: EventRequest,
    opts?: CallOptions,
  ): Promise<EventResult> {
    const body: EventRequest = { handler: event.handler };
    if (event.args !== undefined) body.args = event.args;
    return this.json<EventResult>(
      'POST',
      `${this.instancePath(workspaceId, instanceId)}/widgets/${segment(widgetId)}/events`,
      { ...opts, body },
    );
  }

  /** `GET .../instances/{instanceId}/logs`: the instance's console lines. */
  getLogs(workspaceId: string, instanceId: string, opts?: CallOptions): Promise<LogLine[]> {
    return this.json<LogLine[]>('GET', `${this.instancePath(workspaceId, instanceId)}/logs`, opts);
  }

  /** `DELETE .../instances/{instanceId}` (204). */
  async deleteInstance(workspaceId: string, instanceId: string, opts?: CallOptions): Promise<void> {
    await this.request('DELETE', this.instancePath(workspaceId, instanceId), opts);
  }

  /** `GET /api/v1/workspaces/{ws}/timeline?limit=N`: the last N (≤ 200) dispatches, newest first. */
  timeline(workspaceId: string, options?: CallOptions & { limit?: number }): Promise<TimelineEntry[]> {
    const { limit, ...rest } = options ?? {};
    return this.json<TimelineEntry[]>('GET', `/workspaces/${segment(workspaceId)}/timeline`, { ...rest, query: { limit } });
  }

  // ------------------------------------------------------------------ stream

  /**
   * Reads `GET /api/v1/workspaces/{ws}/stream` (Server-Sent Events) with fetch, so that the
   * Authorization header is sent. Reconnects after a drop with `Last-Event-ID` and exponential
   * backoff; stops on 400/401/403/404. Returns the function that unsubscribes.
   */
  subscribe(workspaceId: string, handlers: StreamHandlers, options?: SubscribeOptions): Unsubscribe {
    return subscribeToStream(
      {
        fetch: this.fetchImpl,
        url: () => this.url(`/workspaces/${segment(workspaceId)}/stream`),
        headers: () => this.headers('text/event-stream'),
      },
      handlers,
      options,
    );
  }

  // ------------------------------------------------------------------ plumbing

  private instancePath(workspaceId: string, instanceId: string): string {
    return `/workspaces/${segment(workspaceId)}/instances/${segment(instanceId)}`;
  }

  private async json<T>(method: string, path: string, spec?: RequestSpec): Promise<T> {
    return (await this.request(method, path, spec)).body as T;
  }

  /** Sends one request; returns the status and the parsed JSON body (undefined when empty). */
  async request(method: string, path: string, spec: RequestSpec = {}): Promise<{ status: number; body: unknown }> {
    const { signal, body, query } = spec;
    const headers = this.headers();
    const init: RequestInit = { method, headers };
    if (signal) init.signal = signal;
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (signal?.aborted) throw wrapFetchError(signal.reason, signal);
    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(this.url(path, query), init);
      text = await res.text();
    } catch (err) {
      throw wrapFetchError(err, signal);
    }
    if (!res.ok) throw errorFromResponse(res.status, res.statusText, text);
    if (text.trim().length === 0) return { status: res.status, body: undefined };
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch (err) {
      throw new OrleansVmError(res.status, 'INVALID_RESPONSE', `Invalid JSON in the response to ${method} ${path}`, {
        body: text.slice(0, 300),
      }, { cause: err });
    }
  }
}

function normalizeBaseUrl(baseUrl: string): string {
  let b = (baseUrl ?? '').trim();
  while (b.endsWith('/')) b = b.slice(0, -1);
  if (b.endsWith('/api/v1')) b = b.slice(0, -'/api/v1'.length);
  return b;
}
