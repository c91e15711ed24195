/**
 * Tolerant readers for list answers. http-api.md says "list" without fixing the envelope, so
 * the SDK accepts a bare JSON array (what it recommends) or an object holding the array under
 * a well-known key (`items` or a route-specific name), and normalizes item shapes.
 */
import { OrleansVmError } from './errors.js';
import type {
  DomainState,
  DomainSummary,
  LogLine,
  PackageDetails,
  PackageGrants,
  PackageVersionSummary,
  WorkspaceInfo,
} from './models.js';

export function asList<T>(body: unknown, route: string, ...keys: string[]): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    for (const key of [...keys, 'items', 'data', 'results']) {
      const v = (body as Record<string, unknown>)[key];
      if (Array.isArray(v)) return v as T[];
    }
  }
  throw new OrleansVmError(200, 'INVALID_RESPONSE', `Expected a JSON array from ${route}`, {
    received: body === null ? 'null' : typeof body,
  });
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function toGrantsList(body: unknown): PackageGrants[] {
  let items: unknown[];
  if (Array.isArray(body)) items = body;
  else if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    const inner = o['grants'] ?? o['items'];
    if (Array.isArray(inner)) items = inner;
    else {
      // a map { packageId: grants }
      const map = (inner && typeof inner === 'object' ? inner : o) as Record<string, unknown>;
      items = Object.entries(map).map(([packageId, g]) => ({ packageId, ...(g as object) }));
    }
  } else {
    throw new OrleansVmError(200, 'INVALID_RESPONSE', 'Expected grants from GET grants');
  }
  return items.map((raw) => {
    const g = (raw ?? {}) as Record<string, unknown>;
    return {
      packageId: String(g['packageId'] ?? ''),
      readShared: stringList(g['readShared']),
      writeShared: stringList(g['writeShared']),
      modules: stringList(g['modules']),
    };
  });
}

export function toDomainList(body: unknown): DomainSummary[] {
  return asList<unknown>(body, 'GET domains', 'domains').map((d) => {
    if (typeof d === 'string') return { domain: d };
    const o = (d ?? {}) as Record<string, unknown>;
    const domain = typeof o['domain'] === 'string' ? o['domain'] : String(o['name'] ?? '');
    return { ...o, domain };
  });
}

export function toDomainState(body: unknown, domain: string): DomainState {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const o = body as Record<string, unknown>;
    if (o['domain'] === domain && 'state' in o) return { ...o, domain, state: o['state'] };
  }
  return { domain, state: body };
}

export function toWorkspaceList(body: unknown): WorkspaceInfo[] {
  return asList<unknown>(body, 'GET workspaces', 'workspaces').map((w) =>
    typeof w === 'string' ? { workspaceId: w } : (w as WorkspaceInfo),
  );
}

export function toLogLines(body: unknown): LogLine[] {
  return asList<unknown>(body, 'GET logs', 'lines', 'logs').map((l) => {
    if (typeof l === 'string') return { level: 'log', message: l };
    const o = (l ?? {}) as Record<string, unknown>;
    const line: LogLine = { level: String(o['level'] ?? 'log'), message: String(o['message'] ?? o['text'] ?? '') };
    const ts = o['timestamp'] ?? o['time'];
    if (typeof ts === 'string' || typeof ts === 'number') line.timestamp = ts;
    return line;
  });
}

export function toPackageDetails(body: unknown, packageId: string): PackageDetails {
  const toVersion = (v: unknown): PackageVersionSummary =>
    typeof v === 'string' ? { version: v } : (v as PackageVersionSummary);
  if (Array.isArray(body)) return { packageId, versions: body.map(toVersion) };
  if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    const versions = Array.isArray(o['versions']) ? (o['versions'] as unknown[]).map(toVersion) : [];
    return { ...o, packageId: typeof o['packageId'] === 'string' ? o['packageId'] : packageId, versions };
  }
  throw new OrleansVmError(200, 'INVALID_RESPONSE', `Expected package ${packageId}`);
}
