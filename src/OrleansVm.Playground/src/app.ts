/**
 * The controller: wires the SDK client, the store and the event stream. Every network call of
 * the page lives here; the panels only read the state and call these actions.
 */
import {
  OrleansVmClient,
  OrleansVmError,
  type FetchLike,
  type Grants,
  type InstanceInfo,
  type StreamEvent,
  type TimelineEntry,
  type UnknownStreamEvent,
} from '@orleansvm/client';
import {
  EMPTY_GRANTS,
  PACKAGE_PATTERN,
  Store,
  VERSION_PATTERN,
  WORKSPACE_PATTERN,
  bumpVersion,
  changedShared,
  eventFailed,
  eventStarted,
  eventSucceeded,
  mergeTimeline,
  patchInstance,
  removeInstance,
  setInstances,
  upsertInstance,
  widgetFailed,
  widgetRendered,
  TIMELINE_LIMIT,
  type AppState,
  type EditorState,
  type ErrorInfo,
} from './store.js';
import { saveEditor, saveToken, saveWorkspace } from './settings.js';

export function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof OrleansVmError) return { code: e.code, message: e.message };
  if (e instanceof Error) return { code: 'CLIENT_ERROR', message: e.message };
  return { code: 'CLIENT_ERROR', message: String(e) };
}

export function errorText(e: unknown): string {
  const i = errorInfo(e);
  return `${i.message} (${i.code})`;
}

/** What an action that the page reports inline (not through the store) ended with. */
export interface Outcome {
  kind: 'ok' | 'error';
  message: string;
}

export class App {
  readonly client: OrleansVmClient;
  readonly store: Store<AppState>;
  private stopStream: (() => void) | undefined;
  /** Bumped when the token or workspace changes: late answers of the old context are dropped. */
  private generation = 0;
  private renderSeq = new Map<string, number>();
  private eventChains = new Map<string, Promise<void>>();
  private renderAllState: 'idle' | 'scheduled' | 'running' | 'again' = 'idle';
  private timelineTimer: ReturnType<typeof setTimeout> | undefined;
  private domainsTimer: ReturnType<typeof setTimeout> | undefined;

  /** `fetchImpl` replaces the global fetch (unit tests answer the SDK's requests themselves). */
  constructor(store: Store<AppState>, baseUrl = '', fetchImpl?: FetchLike) {
    this.store = store;
    this.client = new OrleansVmClient({ baseUrl, token: store.get().token || undefined, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  }

  /** Stops the event stream (the page never does; tests and a future unmount do). */
  disconnect(): void {
    this.generation++;
    this.stopStream?.();
    this.stopStream = undefined;
  }

  private get s(): AppState {
    return this.store.get();
  }

  private set(fn: (s: AppState) => AppState): void {
    this.store.update(fn);
  }

  private get ws(): string {
    return this.s.workspaceId;
  }

  // ------------------------------------------------------------------ session

  async connect(): Promise<void> {
    const gen = ++this.generation;
    this.stopStream?.();
    this.stopStream = undefined;
    this.renderSeq.clear();
    this.eventChains.clear();
    const token = this.s.token;
    this.client.setToken(token || undefined);
    this.set((s) => ({
      ...s,
      role: 'unknown',
      connection: 'idle',
      connectionMessage: undefined,
      banner: undefined,
      packages: [],
      packagesError: undefined,
      order: [],
      instances: {},
      instancesError: undefined,
      loadErrors: {},
      domains: [],
      domainsError: undefined,
      grants: {},
      grantDrafts: {},
      grantsError: undefined,
      grantStatus: {},
      timeline: [],
      timelineError: undefined,
    }));
    if (!token) {
      this.set((s) => ({ ...s, banner: { code: 'NO_TOKEN', message: 'Paste a token (the silo prints a link with #token=…) to start.' } }));
      return;
    }
    // Which kind of token? An operator may list workspaces; a client token gets 403.
    try {
      const list = await this.client.listWorkspaces();
      if (gen !== this.generation) return;
      this.set((s) => ({ ...s, role: 'operator', workspaces: list.map((w) => w.workspaceId) }));
    } catch (e) {
      if (gen !== this.generation) return;
      if (e instanceof OrleansVmError && e.status === 403) this.set((s) => ({ ...s, role: 'client', workspaces: [] }));
      else if (e instanceof OrleansVmError && e.status === 401) {
        this.set((s) => ({ ...s, role: 'invalid', banner: { code: e.code, message: `The token was refused: ${e.message}` } }));
        return;
      } else this.set((s) => ({ ...s, role: 'unknown', banner: errorInfo(e) }));
    }
    this.startStream(gen);
    await Promise.all([
      this.refreshPackages(),
      this.refreshInstances(),
      this.refreshTimeline(),
      this.s.role === 'operator' ? this.refreshOperatorPanels() : Promise.resolve(),
    ]);
  }

  setToken(token: string): void {
    const t = token.trim();
    saveToken(t);
    this.set((s) => ({ ...s, token: t }));
    void this.connect();
  }

  setWorkspace(workspaceId: string): void {
    const ws = workspaceId.trim();
    if (!WORKSPACE_PATTERN.test(ws)) {
      this.set((s) => ({ ...s, banner: { code: 'VALIDATION_ERROR', message: `"${ws}" is not a valid workspace id` } }));
      return;
    }
    saveWorkspace(ws);
    this.set((s) => ({ ...s, workspaceId: ws }));
    void this.connect();
  }

  async createWorkspace(): Promise<void> {
    try {
      await this.client.createWorkspace(this.ws);
    } catch (e) {
      if (!(e instanceof OrleansVmError && e.code === 'WORKSPACE_EXISTS')) {
        this.set((s) => ({ ...s, banner: errorInfo(e) }));
        return;
      }
    }
    await this.connect();
  }

  dismissBanner(): void {
    this.set((s) => ({ ...s, banner: undefined }));
  }

  /** Refreshes everything (after a reconnect that may have missed events). */
  async refreshAll(): Promise<void> {
    await Promise.all([
      this.refreshPackages(),
      this.refreshInstances(),
      this.refreshTimeline(),
      this.s.role === 'operator' ? this.refreshOperatorPanels() : Promise.resolve(),
    ]);
  }

  // ------------------------------------------------------------------ stream

  private startStream(gen: number): void {
    this.set((s) => ({ ...s, connection: 'connecting' }));
    this.stopStream = this.client.subscribe(
      this.ws,
      {
        onOpen: (info) => {
          if (gen !== this.generation) return;
          this.set((s) => ({ ...s, connection: 'live', connectionMessage: undefined }));
          if (info.reconnect) void this.refreshAll();
        },
        onError: (e, info) => {
          if (gen !== this.generation) return;
          this.set((s) => ({
            ...s,
            connection: info.willRetry ? 'reconnecting' : 'stopped',
            connectionMessage: info.willRetry
              ? `${e.message} — retrying in ${Math.round((info.retryInMs ?? 0) / 100) / 10}s`
              : `${e.message} (${e.code})`,
          }));
        },
        onEvent: (ev) => {
          if (gen === this.generation) this.onStreamEvent(ev);
        },
      },
      { initialRetryMs: 1000, maxRetryMs: 15000 },
    );
  }

  private onStreamEvent(ev: StreamEvent | UnknownStreamEvent): void {
    const data = (ev.data ?? {}) as Record<string, unknown>;
    const instanceId = typeof data['instanceId'] === 'string' ? (data['instanceId'] as string) : undefined;
    switch (ev.type) {
      case 'instance.created':
        if (instanceId && !this.s.instances[instanceId]) void this.fetchInstance(instanceId);
        this.scheduleRenderAll();
        break;
      case 'instance.removed':
        if (instanceId) this.set((s) => removeInstance(s, instanceId));
        this.scheduleRenderAll();
        break;
      case 'instance.state':
        if (instanceId) {
          if (!this.s.instances[instanceId]) void this.fetchInstance(instanceId);
          else {
            const status = data['status'];
            if (typeof status === 'string' || 'state' in data) {
              this.set((s) =>
                patchInstance(s, instanceId, (v) => ({
                  ...v,
                  info: {
                    ...v.info,
                    ...(typeof status === 'string' ? { status } : {}),
                    ...('state' in data ? { state: data['state'] } : {}),
                  },
                })),
              );
            }
            void this.renderInstance(instanceId);
          }
        }
        break;
      case 'domain.changed':
        this.scheduleRenderAll();
        if (this.s.role === 'operator') this.scheduleDomainsRefresh();
        break;
      case 'dispatch':
        if (data && typeof data['dispatchId'] === 'string') {
          this.set((s) => ({ ...s, timeline: mergeTimeline(s.timeline, [data as unknown as TimelineEntry]) }));
        } else this.scheduleTimelineRefresh();
        // derived domains (runtime-metrics) change with every dispatch
        this.scheduleRenderAll();
        break;
      default:
        // An event this page does not know (e.g. a future `grants.changed`): re-render to be safe.
        if (ev.type !== 'message') {
          this.scheduleRenderAll();
          if (this.s.role === 'operator' && ev.type.startsWith('grants')) void this.refreshGrants();
        }
        break;
    }
  }

  // ------------------------------------------------------------------ packages & instances

  async refreshPackages(): Promise<void> {
    const gen = this.generation;
    try {
      const packages = await this.client.listPackages();
      if (gen !== this.generation) return;
      packages.sort((a, b) => a.packageId.localeCompare(b.packageId));
      this.set((s) => ({ ...s, packages, packagesError: undefined }));
    } catch (e) {
      if (gen === this.generation) this.set((s) => ({ ...s, packagesError: errorText(e) }));
    }
  }

  async refreshInstances(): Promise<void> {
    const gen = this.generation;
    try {
      const list = await this.client.listInstances(this.ws);
      if (gen !== this.generation) return;
      this.set((s) => setInstances(s, list));
      this.scheduleRenderAll();
    } catch (e) {
      if (gen === this.generation) this.set((s) => ({ ...s, instancesError: errorText(e) }));
    }
  }

  private async fetchInstance(instanceId: string): Promise<void> {
    const gen = this.generation;
    try {
      const info = await this.client.getInstance(this.ws, instanceId);
      if (gen !== this.generation) return;
      this.set((s) => upsertInstance(s, info));
      await this.renderInstance(instanceId);
    } catch (e) {
      if (e instanceof OrleansVmError && e.status === 404) this.set((s) => removeInstance(s, instanceId));
    }
  }

  async loadPackage(packageId: string, version?: string): Promise<string | undefined> {
    const gen = this.generation;
    this.set((s) => {
      const loadErrors = { ...s.loadErrors };
      delete loadErrors[packageId];
      return { ...s, loadErrors };
    });
    try {
      const req: { packageId: string; version?: string } = { packageId };
      if (version) req.version = version;
      const created = await this.client.createInstance(this.ws, req);
      if (gen !== this.generation) return undefined;
      const info: InstanceInfo = { status: 'active', ...created };
      this.set((s) => upsertInstance(s, info));
      await this.renderInstance(created.instanceId);
      this.scheduleRenderAll(); // the runtime registry changed for its readers
      return created.instanceId;
    } catch (e) {
      if (gen === this.generation) this.set((s) => ({ ...s, loadErrors: { ...s.loadErrors, [packageId]: errorText(e) } }));
      return undefined;
    }
  }

  async removeInstance(instanceId: string): Promise<void> {
    try {
      await this.client.deleteInstance(this.ws, instanceId);
    } catch (e) {
      if (!(e instanceof OrleansVmError && e.status === 404)) {
        this.set((s) => patchInstance(s, instanceId, (v) => ({ ...v, eventError: `Remove failed: ${errorText(e)}` })));
        return;
      }
    }
    this.set((s) => removeInstance(s, instanceId));
    this.scheduleRenderAll();
  }

  async renderInstance(instanceId: string): Promise<void> {
    const v = this.s.instances[instanceId];
    if (!v) return;
    await Promise.all(Object.keys(v.widgets).map((w) => this.renderWidget(instanceId, w)));
  }

  async renderWidget(instanceId: string, widgetId: string): Promise<void> {
    const key = `${instanceId}\u0000${widgetId}`;
    const seq = (this.renderSeq.get(key) ?? 0) + 1;
    this.renderSeq.set(key, seq);
    const gen = this.generation;
    try {
      const { tree } = await this.client.render(this.ws, instanceId, widgetId);
      if (gen !== this.generation || this.renderSeq.get(key) !== seq) return;
      this.set((s) => widgetRendered(s, instanceId, widgetId, tree));
    } catch (e) {
      if (gen !== this.generation || this.renderSeq.get(key) !== seq) return;
      if (e instanceof OrleansVmError && e.code === 'INSTANCE_NOT_FOUND') {
        this.set((s) => removeInstance(s, instanceId));
        return;
      }
      this.set((s) => widgetFailed(s, instanceId, widgetId, errorInfo(e)));
    }
  }

  /** Re-renders every widget of the workspace; calls made meanwhile are coalesced into one more pass. */
  scheduleRenderAll(): void {
    if (this.renderAllState === 'scheduled' || this.renderAllState === 'again') return;
    if (this.renderAllState === 'running') {
      this.renderAllState = 'again';
      return;
    }
    this.renderAllState = 'scheduled';
    setTimeout(() => void this.runRenderAll(), 30);
  }

  private async runRenderAll(): Promise<void> {
    this.renderAllState = 'running';
    try {
      await Promise.all(this.s.order.map((id) => this.renderInstance(id)));
    } finally {
      const again = (this.renderAllState as string) === 'again';
      this.renderAllState = 'idle';
      if (again) this.scheduleRenderAll();
    }
  }

  /** Sends a widget event; events of one instance go out one after another, in order. */
  sendEvent(instanceId: string, widgetId: string, event: { handler: string; args?: unknown }): Promise<void> {
    const gen = this.generation;
    this.set((s) => eventStarted(s, instanceId));
    const prev = this.eventChains.get(instanceId) ?? Promise.resolve();
    const next = prev.then(async () => {
      if (gen !== this.generation) return;
      try {
        const result = await this.client.sendEvent(this.ws, instanceId, widgetId, event);
        if (gen !== this.generation) return;
        this.set((s) => eventSucceeded(s, instanceId, result.dispatches ?? [], result.state));
        await this.renderInstance(instanceId);
        if (changedShared(result.dispatches ?? [])) this.scheduleRenderAll();
        if (this.s.connection !== 'live') this.scheduleTimelineRefresh();
      } catch (e) {
        if (gen !== this.generation) return;
        this.set((s) => eventFailed(s, instanceId, errorInfo(e).message));
      }
    });
    this.eventChains.set(instanceId, next);
    return next;
  }

  dismissEventError(instanceId: string): void {
    this.set((s) => patchInstance(s, instanceId, (v) => ({ ...v, eventError: undefined, notApplied: undefined })));
  }

  async toggleLogs(instanceId: string): Promise<void> {
    const v = this.s.instances[instanceId];
    if (!v) return;
    if (v.logsOpen) {
      this.set((s) => patchInstance(s, instanceId, (x) => ({ ...x, logsOpen: false })));
      return;
    }
    this.set((s) => patchInstance(s, instanceId, (x) => ({ ...x, logsOpen: true, logs: x.logs ?? [] })));
    await this.refreshLogs(instanceId);
  }

  async refreshLogs(instanceId: string): Promise<void> {
    try {
      const logs = await this.client.getLogs(this.ws, instanceId);
      this.set((s) => patchInstance(s, instanceId, (x) => ({ ...x, logs })));
    } catch (e) {
      this.set((s) => patchInstance(s, instanceId, (x) => ({ ...x, logs: [{ level: 'error', message: errorText(e) }] })));
    }
  }

  // ------------------------------------------------------------------ timeline

  async refreshTimeline(): Promise<void> {
    const gen = this.generation;
    try {
      const entries = await this.client.timeline(this.ws, { limit: TIMELINE_LIMIT });
      if (gen !== this.generation) return;
      this.set((s) => ({ ...s, timeline: mergeTimeline([], entries), timelineError: undefined }));
    } catch (e) {
      if (gen === this.generation) this.set((s) => ({ ...s, timelineError: errorText(e) }));
    }
  }

  private scheduleTimelineRefresh(): void {
    clearTimeout(this.timelineTimer);
    this.timelineTimer = setTimeout(() => void this.refreshTimeline(), 150);
  }

  // ------------------------------------------------------------------ operator panels

  async refreshOperatorPanels(): Promise<void> {
    await Promise.all([this.refreshDomains(), this.refreshGrants(), this.refreshModules()]);
  }

  async refreshModules(): Promise<void> {
    try {
      const modules = await this.client.listModules();
      this.set((s) => ({ ...s, modules }));
    } catch {
      /* the grants panel still takes free text */
    }
  }

  async refreshDomains(): Promise<void> {
    const gen = this.generation;
    try {
      const list = await this.client.listDomains(this.ws);
      const states = await Promise.all(
        list.map(async (summary) => {
          try {
            const d = await this.client.getDomain(this.ws, summary.domain);
            return { summary, state: d.state };
          } catch (e) {
            return { summary, error: errorText(e) };
          }
        }),
      );
      if (gen !== this.generation) return;
      states.sort((a, b) => a.summary.domain.localeCompare(b.summary.domain));
      this.set((s) => ({ ...s, domains: states, domainsError: undefined }));
    } catch (e) {
      if (gen === this.generation) this.set((s) => ({ ...s, domainsError: errorText(e) }));
    }
  }

  private scheduleDomainsRefresh(): void {
    clearTimeout(this.domainsTimer);
    this.domainsTimer = setTimeout(() => void this.refreshDomains(), 100);
  }

  async defineDomain(name: string, code: string): Promise<Outcome> {
    const domain = name.trim();
    try {
      await this.client.defineDomain(this.ws, domain, { code });
      await this.refreshDomains();
      return { kind: 'ok', message: `Defined ${domain}` };
    } catch (e) {
      return { kind: 'error', message: `Define failed: ${errorText(e)}` };
    }
  }

  async refreshGrants(): Promise<void> {
    const gen = this.generation;
    try {
      const list = await this.client.listGrants(this.ws);
      if (gen !== this.generation) return;
      const grants: Record<string, Grants> = {};
      for (const g of list) grants[g.packageId] = { readShared: g.readShared, writeShared: g.writeShared, modules: g.modules };
      this.set((s) => ({ ...s, grants, grantDrafts: {}, grantsError: undefined }));
    } catch (e) {
      if (gen === this.generation) this.set((s) => ({ ...s, grantsError: errorText(e) }));
    }
  }

  setGrantDraft(packageId: string, draft: Grants): void {
    this.set((s) => ({ ...s, grantDrafts: { ...s.grantDrafts, [packageId]: draft } }));
  }

  grantDraft(packageId: string): Grants {
    return this.s.grantDrafts[packageId] ?? this.s.grants[packageId] ?? EMPTY_GRANTS;
  }

  async saveGrants(packageId: string): Promise<void> {
    const draft = this.grantDraft(packageId);
    this.set((s) => ({ ...s, grantStatus: { ...s.grantStatus, [packageId]: 'Saving…' } }));
    try {
      const saved = await this.client.putGrants(this.ws, packageId, draft);
      this.set((s) => {
        const grantDrafts = { ...s.grantDrafts };
        delete grantDrafts[packageId];
        return {
          ...s,
          grants: { ...s.grants, [packageId]: { readShared: saved.readShared, writeShared: saved.writeShared, modules: saved.modules } },
          grantDrafts,
          grantStatus: { ...s.grantStatus, [packageId]: 'Saved' },
        };
      });
      // a grant change applies to every instance's next render
      this.scheduleRenderAll();
    } catch (e) {
      this.set((s) => ({ ...s, grantStatus: { ...s.grantStatus, [packageId]: `Error: ${errorText(e)}` } }));
    }
  }

  // ------------------------------------------------------------------ editor

  setEditor(patch: Partial<EditorState>): void {
    this.set((s) => {
      const editor = { ...s.editor, ...patch };
      saveEditor(editor);
      return { ...s, editor };
    });
  }

  async publish(): Promise<boolean> {
    const e = this.s.editor;
    const fail = (message: string): false => {
      this.setEditor({ busy: false, status: { kind: 'error', message } });
      return false;
    };
    const packageId = e.packageId.trim();
    const version = e.version.trim();
    if (!PACKAGE_PATTERN.test(packageId)) return fail(`Package id must match ${PACKAGE_PATTERN.source}`);
    if (!VERSION_PATTERN.test(version)) return fail('Version must look like 1.0.0 or 1.0.0-beta.1');
    let manifest: unknown;
    try {
      manifest = e.manifest.trim() ? JSON.parse(e.manifest) : {};
    } catch (err) {
      return fail(`Manifest is not valid JSON: ${(err as Error).message}`);
    }
    if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) return fail('Manifest must be a JSON object');
    this.setEditor({ busy: true, status: undefined });
    try {
      const r = await this.client.publishPackage(packageId, version, { code: e.code, manifest: manifest as object });
      this.setEditor({
        busy: false,
        published: { packageId, version },
        status: {
          kind: 'ok',
          message: `${r.created ? 'Published' : 'Already published (same content)'} ${packageId}@${version}: ${r.title ?? ''} — widgets ${(r.widgets ?? []).join(', ')}`,
        },
      });
      void this.refreshPackages();
      if (this.s.role === 'operator') void this.refreshGrants();
      return true;
    } catch (err) {
      return fail(`Publish failed: ${errorText(err)}`);
    }
  }

  async loadPublished(): Promise<void> {
    const e = this.s.editor;
    const packageId = (e.published?.packageId ?? e.packageId).trim();
    const version = (e.published?.version ?? e.version).trim();
    const id = await this.loadPackage(packageId, version);
    if (id) this.setEditor({ status: { kind: 'ok', message: `Loaded ${id}` } });
    else this.setEditor({ status: { kind: 'error', message: `Load failed: ${this.s.loadErrors[packageId] ?? 'unknown error'}` } });
  }

  /** Copies a published package's code and manifest into the editor, with the next version. */
  async editPackage(packageId: string): Promise<void> {
    try {
      const pkg = this.s.packages.find((p) => p.packageId === packageId);
      let version = pkg?.latestVersion;
      if (!version) {
        const details = await this.client.getPackage(packageId);
        version = details.latestVersion ?? details.versions[details.versions.length - 1]?.version;
      }
      if (!version) throw new Error(`No version of ${packageId}`);
      const v = await this.client.getPackageVersion(packageId, version);
      this.setEditor({
        packageId,
        version: bumpVersion(version),
        code: v.code,
        manifest: JSON.stringify(v.manifest ?? {}, null, 2),
        published: undefined,
        status: { kind: 'ok', message: `Editing a copy of ${packageId}@${version}` },
      });
    } catch (err) {
      this.setEditor({ status: { kind: 'error', message: `Cannot open ${packageId}: ${errorText(err)}` } });
    }
  }
}
