/**
 * Typed models of the OrleansVm HTTP/JSON API (spec: http-api.md, plugin-contract.md,
 * capabilities.md). Names are camelCase as on the wire. Fields the spec leaves open are
 * optional, and every object type tolerates extra fields coming from newer servers.
 */

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---------------------------------------------------------------- UI tree

/** A reference to a handler of the same widget, sent back as an event. */
export interface EventRef {
  handler: string;
  args?: unknown;
}

export interface ContainerNode {
  kind: 'panel' | 'row' | 'column';
  children?: UiNode[];
}
export interface PanelNode extends ContainerNode { kind: 'panel' }
export interface RowNode extends ContainerNode { kind: 'row' }
export interface ColumnNode extends ContainerNode { kind: 'column' }

export interface TextNode { kind: 'text'; text: string }
export interface BadgeNode { kind: 'badge'; text: string }

export interface ButtonNode {
  kind: 'button';
  props: { label: string; onClick?: EventRef; variant?: string; disabled?: boolean };
}

export interface InputNode {
  kind: 'input';
  /** `onChange` is sent with args `{ value }`. */
  props: { value: string; placeholder?: string; onChange?: EventRef };
}

export interface CounterNode {
  kind: 'counter';
  props: { value: number; onIncrement?: EventRef; onDecrement?: EventRef };
}

export interface TableNode {
  kind: 'table';
  props: { headers: string[]; rows: unknown[][] };
}

/** One node of a rendered UI tree (discriminated by `kind`). */
export type UiNode =
  | PanelNode
  | RowNode
  | ColumnNode
  | TextNode
  | BadgeNode
  | ButtonNode
  | InputNode
  | CounterNode
  | TableNode;

export type UiNodeKind = UiNode['kind'];

export const UI_NODE_KINDS: readonly UiNodeKind[] = [
  'panel', 'row', 'column', 'text', 'badge', 'button', 'input', 'counter', 'table',
];

export interface RenderResult {
  tree: UiNode;
}

// ---------------------------------------------------------------- intents & dispatches

export type IntentScope = 'plugin' | 'shared';

/** What a plugin handler asks for (the host stamps the instance id). */
export interface Intent {
  scope: IntentScope;
  actionType: string;
  payload?: unknown;
  /** Required when `scope` is `shared`. */
  domain?: string;
}

/**
 * `applied`, `ignored`, `denied` or `failed` (capabilities.md, "Dispatch of a shared intent"), and
 * `pending`: saved in the instance's outbox, the domain not reached yet; applied later, exactly once
 * (ttmp/.../ISSUE-5/api-shapes.md).
 */
export type DispatchOutcome = 'applied' | 'ignored' | 'denied' | 'failed' | 'pending';

/** One intent's fate, as returned by an event. */
export interface Dispatch {
  dispatchId: string;
  scope: IntentScope;
  actionType: string;
  domain?: string;
  outcome: DispatchOutcome | (string & {});
  /** e.g. `missing-write-grant:counter-summary`, `no-local-reducer-match`. */
  reason?: string;
}

/** One entry of a workspace's dispatch timeline (newest first). */
export interface TimelineEntry extends Dispatch {
  timestamp: string | number;
  instanceId: string;
}

export interface EventRequest {
  handler: string;
  args?: unknown;
}

export interface EventResult {
  dispatches: Dispatch[];
  /** The instance's local state after the event. */
  state: unknown;
}

// ---------------------------------------------------------------- grants, packages, modules

export interface Grants {
  readShared: string[];
  writeShared: string[];
  modules: string[];
}

export interface PackageGrants extends Grants {
  packageId: string;
}

export interface PackageManifest {
  title?: string;
  description?: string;
  capabilities?: { readShared?: string[]; writeShared?: string[] };
  modules?: string[];
}

export interface PublishRequest {
  code: string;
  manifest?: PackageManifest;
}

export interface PublishResult {
  packageId: string;
  version: string;
  title: string;
  widgets: string[];
  /** true when the server answered 201 (new version), false for 200 (same content again). */
  created: boolean;
}

/** An item of `GET /packages`. */
export interface PackageSummary {
  packageId: string;
  title?: string;
  description?: string;
  latestVersion?: string;
  versions?: string[];
  widgets?: string[];
  [extra: string]: unknown;
}

export interface PackageVersionSummary {
  version: string;
  title?: string;
  widgets?: string[];
  publishedAt?: string;
  [extra: string]: unknown;
}

/** `GET /packages/{packageId}`: the package and its versions. */
export interface PackageDetails {
  packageId: string;
  title?: string;
  description?: string;
  latestVersion?: string;
  versions: PackageVersionSummary[];
  [extra: string]: unknown;
}

/** `GET /packages/{packageId}/versions/{version}`: one version with code and manifest. */
export interface PackageVersion {
  packageId: string;
  version: string;
  code: string;
  manifest: PackageManifest;
  title?: string;
  description?: string;
  widgets?: string[];
  contentHash?: string;
  publishedAt?: string;
  [extra: string]: unknown;
}

export interface NativeModuleInfo {
  name: string;
  doc: string;
}

// ---------------------------------------------------------------- health, workspaces, tokens

export interface SiloInfo {
  siloId: string;
  address: string;
  status: string;
}

export interface Health {
  status: 'ok' | (string & {});
  siloId: string;
  silos: SiloInfo[];
}

export interface WorkspaceInfo {
  workspaceId: string;
  createdAt?: string;
  [extra: string]: unknown;
}

export interface CreatedToken {
  tokenId: string;
  /** Shown once; store it now. */
  token: string;
}

// ---------------------------------------------------------------- domains

export interface DomainSummary {
  domain: string;
  builtIn?: boolean;
  readOnly?: boolean;
  [extra: string]: unknown;
}

export interface DomainState {
  domain: string;
  builtIn?: boolean;
  readOnly?: boolean;
  /** The domain grain's raw state. */
  state: unknown;
  [extra: string]: unknown;
}

export interface DefineDomainRequest {
  code: string;
}

// ---------------------------------------------------------------- instances

/** `active` (loaded and serving) or `error` (the package no longer loads). */
export type InstanceStatus = 'active' | 'error' | (string & {});

export interface CreateInstanceRequest {
  packageId: string;
  /** Latest version when absent. */
  version?: string;
}

/** `POST .../instances` answer. */
export interface CreatedInstance {
  instanceId: string;
  packageId: string;
  version: string;
  title: string;
  widgets: string[];
  grants: Grants;
}

/** `GET .../instances/{instanceId}` (list items may omit `state`). */
export interface InstanceInfo {
  instanceId: string;
  packageId: string;
  version: string;
  title: string;
  widgets: string[];
  status?: InstanceStatus;
  state?: unknown;
  grants?: Grants;
  [extra: string]: unknown;
}

export interface LogLine {
  timestamp?: string | number;
  level: 'log' | 'info' | 'warn' | 'error' | (string & {});
  message: string;
}

// ---------------------------------------------------------------- errors

/** The wire shape of an error body. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Error codes of http-api.md plus the SDK's own (`NETWORK_ERROR`, `ABORTED`, `INVALID_RESPONSE`, `HTTP_ERROR`). */
export type ErrorCode =
  | 'INVALID_REQUEST'
  | 'VALIDATION_ERROR'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'PACKAGE_NOT_FOUND'
  | 'INSTANCE_NOT_FOUND'
  | 'WIDGET_NOT_FOUND'
  | 'HANDLER_NOT_FOUND'
  | 'DOMAIN_NOT_FOUND'
  | 'WORKSPACE_NOT_FOUND'
  | 'PACKAGE_VERSION_EXISTS'
  | 'WORKSPACE_EXISTS'
  | 'PAYLOAD_TOO_LARGE'
  | 'PLUGIN_LOAD_ERROR'
  | 'PLUGIN_RUNTIME_ERROR'
  | 'RUNTIME_TIMEOUT'
  | 'LIMIT_EXCEEDED'
  | 'RENDER_INVALID'
  | 'INTENT_INVALID'
  | 'MODULE_NOT_ALLOWED'
  | 'UNAVAILABLE'
  | 'INTERNAL'
  | 'NETWORK_ERROR'
  | 'ABORTED'
  | 'INVALID_RESPONSE'
  | 'HTTP_ERROR';

// ---------------------------------------------------------------- stream

export type StreamEventName =
  | 'instance.created'
  | 'instance.removed'
  | 'instance.state'
  | 'domain.changed'
  | 'dispatch';

export const STREAM_EVENT_NAMES: readonly StreamEventName[] = [
  'instance.created', 'instance.removed', 'instance.state', 'domain.changed', 'dispatch',
];

export interface InstanceCreatedData {
  instanceId: string;
  packageId: string;
  version?: string;
  title?: string;
  widgets?: string[];
  [extra: string]: unknown;
}

export interface InstanceRemovedData {
  instanceId: string;
  packageId?: string;
  [extra: string]: unknown;
}

export interface InstanceStateData {
  instanceId: string;
  state?: unknown;
  status?: InstanceStatus;
  [extra: string]: unknown;
}

export interface DomainChangedData {
  domain: string;
  [extra: string]: unknown;
}

interface StreamEventBase<N extends string, D> {
  /** The event name (`event:` field; `message` when the server sent none). */
  type: N;
  /** The `id:` field in effect for this event (the last id seen), if any. */
  id?: string;
  /** The parsed JSON `data`, or the raw string when it is not JSON. */
  data: D;
  /** The raw `data` text (multi-line data joined with `\n`). */
  raw: string;
}

export type StreamEvent =
  | StreamEventBase<'instance.created', InstanceCreatedData>
  | StreamEventBase<'instance.removed', InstanceRemovedData>
  | StreamEventBase<'instance.state', InstanceStateData>
  | StreamEventBase<'domain.changed', DomainChangedData>
  | StreamEventBase<'dispatch', TimelineEntry>;

/** An event with a name the SDK does not know (forward compatibility). */
export type UnknownStreamEvent = StreamEventBase<string, unknown>;
