/**
 * The page's state and the pure functions that change it. No DOM, no network: unit-tested.
 */
import type {
  Dispatch,
  DomainSummary,
  Grants,
  InstanceInfo,
  NativeModuleInfo,
  PackageSummary,
  TimelineEntry,
  UiNode,
} from '@orleansvm/client';

export type Role = 'unknown' | 'operator' | 'client' | 'invalid';
export type Connection = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface ErrorInfo {
  code: string;
  message: string;
}

export interface WidgetView {
  tree?: UiNode | undefined;
  error?: ErrorInfo | undefined;
}

export interface InstanceView {
  info: InstanceInfo;
  widgets: Record<string, WidgetView>;
  eventError?: string | undefined;
  /** Shared dispatches of the last event that were not applied (denied/ignored/failed). */
  notApplied?: Dispatch[] | undefined;
  pendingEvents: number;
  logs?: Array<{ level: string; message: string; timestamp?: string | number }> | undefined;
  logsOpen?: boolean;
}

export interface DomainView {
  summary: DomainSummary;
  state?: unknown;
  error?: string | undefined;
}

export interface EditorState {
  packageId: string;
  version: string;
  manifest: string;
  code: string;
  busy: boolean;
  status?: { kind: 'ok' | 'error'; message: string } | undefined;
  published?: { packageId: string; version: string } | undefined;
}

export interface AppState {
  token: string;
  workspaceId: string;
  workspaces: string[];
  role: Role;
  connection: Connection;
  connectionMessage?: string | undefined;
  banner?: ErrorInfo | undefined;
  packages: PackageSummary[];
  packagesError?: string | undefined;
  /** Instance ids, in the order they were added. */
  order: string[];
  instances: Record<string, InstanceView>;
  instancesError?: string | undefined;
  loadErrors: Record<string, string>;
  domains: DomainView[];
  domainsError?: string | undefined;
  grants: Record<string, Grants>;
  grantDrafts: Record<string, Grants>;
  grantsError?: string | undefined;
  grantStatus: Record<string, string>;
  modules: NativeModuleInfo[];
  timeline: TimelineEntry[];
  timelineError?: string | undefined;
  editor: EditorState;
}

export const TIMELINE_LIMIT = 50;

export function initialState(token: string, workspaceId: string, editor: EditorState): AppState {
  return {
    token,
    workspaceId,
    workspaces: [],
    role: 'unknown',
    connection: 'idle',
    packages: [],
    order: [],
    instances: {},
    loadErrors: {},
    domains: [],
    grants: {},
    grantDrafts: {},
    grantStatus: {},
    modules: [],
    timeline: [],
    editor,
  };
}

/** A tiny observable store. */
export class Store<S> {
  private listeners = new Set<(s: S) => void>();
  constructor(private state: S) {}
  get(): S {
    return this.state;
  }
  update(fn: (s: S) => S): void {
    const next = fn(this.state);
    if (next === this.state) return;
    this.state = next;
    for (const l of [...this.listeners]) l(next);
  }
  subscribe(l: (s: S) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

// ------------------------------------------------------------------ instances

function emptyWidgets(widgets: string[] | undefined, previous?: Record<string, WidgetView>): Record<string, WidgetView> {
  const out: Record<string, WidgetView> = {};
  for (const w of widgets ?? []) out[w] = previous?.[w] ?? {};
  return out;
}

/** Adds (or refreshes the info of) an instance, keeping its rendered widgets. */
export function upsertInstance(s: AppState, info: InstanceInfo): AppState {
  const prev = s.instances[info.instanceId];
  const mergedInfo: InstanceInfo = prev ? { ...prev.info, ...info } : info;
  const view: InstanceView = prev
    ? { ...prev, info: mergedInfo, widgets: emptyWidgets(mergedInfo.widgets, prev.widgets) }
    : { info: mergedInfo, widgets: emptyWidgets(mergedInfo.widgets), pendingEvents: 0 };
  return {
    ...s,
    instances: { ...s.instances, [info.instanceId]: view },
    order: prev ? s.order : [...s.order, info.instanceId],
  };
}

/** Replaces the instance list with the server's, keeping rendered widgets and the on-screen order of known ones. */
export function setInstances(s: AppState, list: InstanceInfo[]): AppState {
  const instances: Record<string, InstanceView> = {};
  for (const info of list) {
    const prev = s.instances[info.instanceId];
    const merged: InstanceInfo = prev ? { ...prev.info, ...info } : info;
    instances[info.instanceId] = prev
      ? { ...prev, info: merged, widgets: emptyWidgets(merged.widgets, prev.widgets) }
      : { info: merged, widgets: emptyWidgets(merged.widgets), pendingEvents: 0 };
  }
  const known = s.order.filter((id) => id in instances);
  const added = list.map((i) => i.instanceId).filter((id, i, all) => !s.order.includes(id) && all.indexOf(id) === i);
  return { ...s, instances, order: [...known, ...added], instancesError: undefined };
}

export function removeInstance(s: AppState, instanceId: string): AppState {
  if (!s.instances[instanceId]) return s;
  const instances = { ...s.instances };
  delete instances[instanceId];
  return { ...s, instances, order: s.order.filter((id) => id !== instanceId) };
}

export function patchInstance(s: AppState, instanceId: string, fn: (v: InstanceView) => InstanceView): AppState {
  const v = s.instances[instanceId];
  if (!v) return s;
  return { ...s, instances: { ...s.instances, [instanceId]: fn(v) } };
}

export function widgetRendered(s: AppState, instanceId: string, widgetId: string, tree: UiNode): AppState {
  return patchInstance(s, instanceId, (v) => ({ ...v, widgets: { ...v.widgets, [widgetId]: { tree } } }));
}

export function widgetFailed(s: AppState, instanceId: string, widgetId: string, error: ErrorInfo): AppState {
  return patchInstance(s, instanceId, (v) => ({ ...v, widgets: { ...v.widgets, [widgetId]: { error } } }));
}

export function eventStarted(s: AppState, instanceId: string): AppState {
  return patchInstance(s, instanceId, (v) => ({ ...v, pendingEvents: v.pendingEvents + 1 }));
}

export function eventSucceeded(s: AppState, instanceId: string, dispatches: Dispatch[], state: unknown): AppState {
  return patchInstance(s, instanceId, (v) => ({
    ...v,
    pendingEvents: Math.max(0, v.pendingEvents - 1),
    eventError: undefined,
    notApplied: dispatches.filter((d) => d.scope === 'shared' && d.outcome !== 'applied'),
    info: { ...v.info, state },
  }));
}

export function eventFailed(s: AppState, instanceId: string, message: string): AppState {
  return patchInstance(s, instanceId, (v) => ({
    ...v,
    pendingEvents: Math.max(0, v.pendingEvents - 1),
    eventError: message,
  }));
}

/** How many instances of each package the workspace holds. */
export function loadCounts(s: AppState): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of s.order) {
    const pkg = s.instances[id]?.info.packageId ?? id.split('@')[0] ?? id;
    counts[pkg] = (counts[pkg] ?? 0) + 1;
  }
  return counts;
}

/** True when any shared dispatch was applied (other instances may read the changed domain). */
export function changedShared(dispatches: Dispatch[]): boolean {
  return dispatches.some((d) => d.scope === 'shared' && d.outcome === 'applied');
}

// ------------------------------------------------------------------ timeline

function timeValue(t: string | number | undefined): number {
  if (typeof t === 'number') return t;
  if (typeof t === 'string') {
    const n = Date.parse(t);
    return Number.isNaN(n) ? 0 : n;
  }
  return 0;
}

/** Merges entries (from GET timeline or the stream) newest first, without duplicates, capped. */
export function mergeTimeline(current: TimelineEntry[], incoming: TimelineEntry[], limit = TIMELINE_LIMIT): TimelineEntry[] {
  const byId = new Map<string, TimelineEntry>();
  const seq = new Map<string, number>();
  let i = 0;
  // incoming first: it is the newer view of an entry
  for (const e of [...incoming, ...current]) {
    if (!e || typeof e.dispatchId !== 'string') continue;
    if (!byId.has(e.dispatchId)) {
      byId.set(e.dispatchId, e);
      seq.set(e.dispatchId, i++);
    }
  }
  return [...byId.values()]
    .sort((a, b) => timeValue(b.timestamp) - timeValue(a.timestamp) || seq.get(a.dispatchId)! - seq.get(b.dispatchId)!)
    .slice(0, limit);
}

// ------------------------------------------------------------------ grants

export const EMPTY_GRANTS: Grants = { readShared: [], writeShared: [], modules: [] };

export type GrantKind = keyof Grants;

/** Toggles one name in a grant list (kept sorted, no duplicates). */
export function toggleGrant(g: Grants, kind: GrantKind, name: string, on: boolean): Grants {
  const set = new Set(g[kind]);
  if (on) set.add(name);
  else set.delete(name);
  return { ...g, [kind]: [...set].sort() };
}

/** Parses a comma/space separated list of names. */
export function parseNames(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((x) => x.trim()).filter((x) => x.length > 0))].sort();
}

export function sameGrants(a: Grants | undefined, b: Grants | undefined): boolean {
  const norm = (g: Grants | undefined) =>
    JSON.stringify([[...(g?.readShared ?? [])].sort(), [...(g?.writeShared ?? [])].sort(), [...(g?.modules ?? [])].sort()]);
  return norm(a) === norm(b);
}

// ------------------------------------------------------------------ settings

/** Reads `#token=...&workspace=...` from a URL fragment. */
export function parseFragment(hash: string): { token?: string; workspace?: string } {
  const out: { token?: string; workspace?: string } = {};
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!text) return out;
  const params = new URLSearchParams(text);
  const token = params.get('token');
  const ws = params.get('workspace') ?? params.get('ws');
  if (token) out.token = token;
  if (ws) out.workspace = ws;
  return out;
}

export const WORKSPACE_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const PACKAGE_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;
export const VERSION_PATTERN = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** The next patch version (`1.2.3` → `1.2.4`; a pre-release is dropped). */
export function bumpVersion(v: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v);
  if (!m) return '0.1.0';
  return `${m[1]}.${m[2]}.${Number(m[3]) + 1}`;
}
