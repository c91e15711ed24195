/**
 * Typed models of the OrleansVm HTTP/JSON API (spec: http-api.md, plugin-contract.md,
 * capabilities.md). Names are camelCase as on the wire. The HTTP bodies are the generated types of
 * the silo's OpenAPI document; the UI tree, intents and stream events are plugin-contract.md's.
 */
import type { components } from './generated/api.js';

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

// ---------------------------------------------------------------- HTTP shapes
// Generated from the silo's OpenAPI document (openapi/v1.json, `npm run generate`): these are the
// shapes the server sends, nothing looser. Only the UI tree is narrowed (the document says "any JSON").

type Schemas = components['schemas'];

/** What happened to one intent of an event. */
export type Dispatch = Schemas['DispatchResult'];
/** One dispatch of the workspace timeline (also the `dispatch` stream event). */
export type TimelineEntry = Schemas['DispatchRecord'];
export type EventRequest = Schemas['SendEventRequest'];
export type EventResult = Schemas['EventResponse'];

export type Grants = Schemas['Grants'];
export type PackageGrants = Schemas['PackageGrantsResponse'];
export type GrantsRequest = Schemas['GrantsRequest'];
/** The manifest as published (all parts optional); the server answers with {@link PackageManifest}. */
export type ManifestRequest = NonNullable<Schemas['PublishPackageRequest']['manifest']>;
export type PackageManifest = Schemas['PackageManifest'];
export type PublishRequest = Schemas['PublishPackageRequest'];
/** The publish answer, plus `created`: true for 201 (new version), false for 200 (same content again). */
export type PublishResult = Schemas['PublishedPackageResponse'] & { created: boolean };
export type PackageSummary = Schemas['PackageSummary'];
export type PackageVersionSummary = Schemas['PackageVersionSummary'];
export type PackageDetails = Schemas['PackageDetails'];
export type PackageVersion = Schemas['PackageVersionResponse'];
export type NativeModuleInfo = Schemas['NativeModuleResponse'];

export type SiloInfo = Schemas['SiloStatus'];
export type Health = Schemas['HealthResponse'];
export type WorkspaceInfo = Schemas['WorkspaceInfo'];
export type CreatedToken = Schemas['CreatedToken'];

export type DomainSummary = Schemas['DomainSummary'];
export type DomainState = Schemas['DomainStateResponse'];
export type DefineDomainRequest = Schemas['DefineDomainRequest'];

export type InstanceStatus = 'active' | 'error' | (string & {});
export type CreateInstanceRequest = Schemas['CreateInstanceRequest'];
export type CreatedInstance = Schemas['CreatedInstanceResponse'];
/** One instance: `GET .../instances/{id}`; an item of the list is the same without `state`. */
export type InstanceInfo = Schemas['InstanceResponse'];
export type InstanceDetails = Schemas['InstanceResponse'];
export type InstanceListItem = Schemas['InstanceListItem'];
export type LogLine = Schemas['LogLine'];

/** A rendered widget; the document types the tree as any JSON, plugin-contract.md as a {@link UiNode}. */
export type RenderResult = Omit<Schemas['RenderResponse'], 'tree'> & { tree: UiNode };

// ---------------------------------------------------------------- errors

/** The wire shape of an error body. */
/** The error envelope every failed call answers. */
export type ErrorBody = Schemas['ApiErrorEnvelope'];

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
