#!/usr/bin/env node
// A stand-in silo for developing the playground before the real one exists: serves dist/ at /
// and an in-memory imitation of http-api.md at /api/v1 (canned preset behaviour, no sandbox).
// Usage: node dev/mock-silo.mjs [--port 5080]   tokens: operator "op", client (workspace demo) "cl"
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const distDir = path.resolve(here, '..', 'dist');
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(process.env.PORT ?? 5080);
const OPERATOR = process.env.MOCK_OPERATOR_TOKEN ?? 'op';
const CLIENT = process.env.MOCK_CLIENT_TOKEN ?? 'cl';

const ui = {
  text: (text) => ({ kind: 'text', text: String(text) }),
  badge: (text) => ({ kind: 'badge', text: String(text) }),
  button: (label, props = {}) => ({ kind: 'button', props: { label: String(label), ...props } }),
  input: (value, props = {}) => ({ kind: 'input', props: { value: String(value), ...props } }),
  counter: (value, props = {}) => ({ kind: 'counter', props: { value, ...props } }),
  row: (children) => ({ kind: 'row', children }),
  column: (children) => ({ kind: 'column', children }),
  panel: (children) => ({ kind: 'panel', children }),
  table: (rows, props = {}) => ({ kind: 'table', props: { headers: props.headers ?? [], rows } }),
};

const presets = {
  counter: {
    title: 'Counter', widgets: ['counter'], initial: { value: 0 },
    ask: { readShared: ['counter-summary'], writeShared: ['counter-summary'] },
    render: (st, g) => {
      const s = g.shared['counter-summary'] ?? { totalValue: 0, instanceCount: 0 };
      return ui.panel([
        ui.text('Counter: ' + st.value),
        ui.row([ui.badge('Shared total: ' + s.totalValue), ui.badge('Instances: ' + s.instanceCount)]),
        ui.row([
          ui.button('Decrement', { onClick: { handler: 'decrement' } }),
          ui.button('Reset', { variant: 'destructive', onClick: { handler: 'reset' } }),
          ui.button('Increment', { onClick: { handler: 'increment' } }),
        ]),
      ]);
    },
    event: (st, handler) => {
      const next = handler === 'increment' ? st.value + 1 : handler === 'decrement' ? st.value - 1 : 0;
      return { state: { value: next }, local: [handler], shared: [['counter-summary', 'set-instance', { value: next }]] };
    },
  },
  greeter: {
    title: 'Greeter', widgets: ['greeter'], initial: { name: '' },
    ask: { readShared: ['greeter-profile'], writeShared: ['greeter-profile'] },
    render: (st) =>
      ui.panel([
        ui.text(st.name ? 'Hello, ' + st.name + '!' : 'Enter your name...'),
        ui.input(st.name, { placeholder: 'Enter your name...', onChange: { handler: 'setName' } }),
      ]),
    event: (st, handler, args) => {
      const name = String(args?.value ?? '');
      return { state: { name }, local: ['set-name'], shared: [['greeter-profile', 'set-name', name]] };
    },
  },
  'greeter-shared-state': {
    title: 'Greeter Shared State', widgets: ['shared'], initial: {},
    ask: { readShared: ['greeter-profile'], writeShared: [] },
    render: (_st, g) => {
      const name = g.shared['greeter-profile']?.name;
      return ui.panel([ui.badge(name ? 'SYNCED' : 'NO NAME'), ui.text('Shared greeting: ' + (name ? 'Hello, ' + name + '!' : '(empty)'))]);
    },
  },
  'status-dashboard': {
    title: 'Status Dashboard', widgets: ['dashboard'], initial: {},
    ask: { readShared: ['counter-summary', 'runtime-metrics', 'runtime-registry'], writeShared: [] },
    render: (_st, g) => {
      const m = g.shared['runtime-metrics'] ?? {};
      const c = g.shared['counter-summary'] ?? {};
      return ui.panel([
        ui.row([ui.badge('Plugins: ' + (m.pluginCount ?? 0)), ui.badge('Shared Counter: ' + (c.totalValue ?? 0)), ui.badge('Dispatches: ' + (m.dispatchCount ?? 0))]),
        ui.table([['Last action', m.lastActionType ?? '-'], ['Last outcome', m.lastOutcome ?? '-'], ['Last reason', m.lastReason ?? '-']], { headers: ['Metric', 'Value'] }),
      ]);
    },
  },
  'runtime-monitor': {
    title: 'Runtime Monitor', widgets: ['monitor'], initial: {},
    ask: { readShared: ['runtime-registry'], writeShared: [] },
    render: (_st, g) => {
      const reg = g.shared['runtime-registry'] ?? [];
      return ui.panel([
        ui.text('Plugin Registry'), ui.badge('Total: ' + reg.length + ' plugins'),
        ui.table(reg.map((r) => [r.instanceId, r.packageId, r.status, r.enabled ? 'YES' : 'NO', r.widgets]), { headers: ['Instance', 'Package', 'Status', 'Enabled', 'Widgets'] }),
      ]);
    },
  },
  calculator: {
    title: 'Calculator', widgets: ['display'], initial: { display: '0' },
    ask: { readShared: [], writeShared: [] },
    render: (st) =>
      ui.panel([
        ui.text(st.display),
        ...[['7', '8', '9', '/'], ['4', '5', '6', '*'], ['1', '2', '3', '-'], ['0', 'C', '=', '+']].map((r) =>
          ui.row(r.map((k) => ui.button(k, { onClick: { handler: 'key', args: { key: k } } }))),
        ),
      ]),
    event: (st, _h, args) => {
      const k = String(args?.key ?? '');
      let d = st.display;
      if (k === 'C') d = '0';
      else if (k === '=') { try { d = String(Function('"use strict";return (' + d + ')')()); } catch { d = 'Error'; } }
      else d = d === '0' ? k : d + k;
      return { state: { display: d }, local: ['digit'], shared: [] };
    },
  },
  runaway: {
    title: 'Runaway', widgets: ['spin', 'fine'], initial: {},
    ask: { readShared: [], writeShared: [] },
    render: (_st, _g, widget) => {
      if (widget === 'spin') throw { status: 422, code: 'RUNTIME_TIMEOUT', message: 'render of widget "spin" exceeded 100 ms' };
      return ui.panel([ui.text('This widget is fine.'), ui.button('Throw', { onClick: { handler: 'boom' } })]);
    },
    event: () => { throw { status: 422, code: 'PLUGIN_RUNTIME_ERROR', message: 'Error: boom (line 3, column 7)' }; },
  },
};

const packages = new Map(); // id -> {versions: Map(version -> {code, manifest, title, widgets})}
for (const [id, p] of Object.entries(presets)) {
  packages.set(id, { versions: new Map([['1.0.0', { code: `// preset ${id} (mock)\ndefinePlugin(function (ctx) { /* ... */ });\n`, manifest: { title: p.title, capabilities: p.ask, modules: [] }, title: p.title, widgets: p.widgets }]]) });
}

function newWorkspace() {
  return {
    instances: new Map(),
    grants: new Map(),
    domains: { 'counter-summary': { valuesByInstance: {}, totalValue: 0, instanceCount: 0, lastUpdatedInstanceId: null }, 'greeter-profile': { name: '', lastUpdatedInstanceId: null } },
    custom: new Map(),
    timeline: [], dispatchCount: 0, last: {}, events: [], clients: new Set(), seq: 0,
  };
}
const workspaces = new Map([['demo', newWorkspace()]]);
const demo = workspaces.get('demo');
for (const [id, p] of Object.entries(presets)) if (id !== 'runaway') demo.grants.set(id, { readShared: [...p.ask.readShared], writeShared: [...p.ask.writeShared], modules: [] });

const nanoid = () => Array.from({ length: 8 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'[Math.floor(Math.random() * 64)]).join('');
const fail = (status, code, message, details) => { throw { status, code, message, details }; };

function emit(ws, event, data) {
  const id = String(++ws.seq);
  ws.events.push({ id, event, data });
  if (ws.events.length > 500) ws.events.shift();
  for (const res of ws.clients) res.write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function registry(ws) {
  return [...ws.instances.values()].map((i) => ({ instanceId: i.instanceId, packageId: i.packageId, title: i.title, status: 'active', enabled: true, widgets: i.widgets.length }));
}
function projection(ws, domain) {
  if (domain === 'runtime-registry') return registry(ws);
  if (domain === 'runtime-metrics') return { pluginCount: ws.instances.size, dispatchCount: ws.dispatchCount, ...ws.last };
  if (domain === 'counter-summary') { const d = ws.domains[domain]; return { totalValue: d.totalValue, instanceCount: d.instanceCount, lastUpdatedInstanceId: d.lastUpdatedInstanceId }; }
  return ws.domains[domain];
}
function effective(ws, inst) {
  const g = ws.grants.get(inst.packageId) ?? { readShared: [], writeShared: [], modules: [] };
  const ask = inst.manifest?.capabilities ?? {};
  return { readShared: (ask.readShared ?? []).filter((d) => g.readShared.includes(d)), writeShared: (ask.writeShared ?? []).filter((d) => g.writeShared.includes(d)), modules: g.modules };
}
function globalState(ws, wsId, inst) {
  const shared = {};
  for (const d of effective(ws, inst).readShared) shared[d] = projection(ws, d);
  return { self: { instanceId: inst.instanceId, packageId: inst.packageId, workspaceId: wsId }, shared };
}
function record(ws, inst, scope, actionType, domain, outcome, reason) {
  const e = { dispatchId: 'd' + (++ws.dispatchCount) + '-' + nanoid(), timestamp: new Date().toISOString(), scope, actionType, instanceId: inst.instanceId, outcome };
  if (domain) e.domain = domain;
  if (reason) e.reason = reason;
  ws.timeline.unshift(e);
  ws.timeline.length = Math.min(ws.timeline.length, 200);
  ws.last = { lastDispatchId: e.dispatchId, lastScope: scope, lastActionType: actionType, lastOutcome: outcome, lastReason: reason ?? null, lastTimestamp: e.timestamp };
  emit(ws, 'dispatch', e);
  const { timestamp, instanceId, ...d } = e;
  return d;
}
function applyShared(ws, inst, domain, action, payload) {
  if (!effective(ws, inst).writeShared.includes(domain)) return ['denied', 'missing-write-grant:' + domain];
  if (domain === 'runtime-registry' || domain === 'runtime-metrics') return ['ignored', 'read-only-domain:' + domain];
  const d = ws.domains[domain];
  if (!d) return ['ignored', 'unsupported-domain:' + domain];
  if (domain === 'counter-summary' && action === 'set-instance') {
    d.valuesByInstance[inst.instanceId] = Number(payload?.value ?? 0);
    d.totalValue = Object.values(d.valuesByInstance).reduce((a, b) => a + b, 0);
    d.instanceCount = Object.keys(d.valuesByInstance).length;
    d.lastUpdatedInstanceId = inst.instanceId;
  } else if (domain === 'greeter-profile' && action === 'set-name') {
    d.name = String(payload ?? ''); d.lastUpdatedInstanceId = inst.instanceId;
  } else return ['ignored', `unsupported-action:${domain}/${action}`];
  return ['applied'];
}

function auth(req, wsId) {
  const h = req.headers.authorization ?? '';
  const t = h.startsWith('Bearer ') ? h.slice(7) : '';
  if (t === OPERATOR) return 'operator';
  if (t === CLIENT) { if (wsId && wsId !== 'demo') fail(404, 'WORKSPACE_NOT_FOUND', `No workspace ${wsId}`); return 'client'; }
  fail(401, 'UNAUTHORIZED', 'Missing or unknown token');
}
const operatorOnly = (role) => { if (role !== 'operator') fail(403, 'FORBIDDEN', 'This route needs an operator token'); };
function getWs(id) { const ws = workspaces.get(id); if (!ws) fail(404, 'WORKSPACE_NOT_FOUND', `No workspace ${id}`); return ws; }
function getInst(ws, id) { const i = ws.instances.get(id); if (!i) fail(404, 'INSTANCE_NOT_FOUND', `No instance ${id}`); return i; }
const instView = (i, ws) => ({ instanceId: i.instanceId, packageId: i.packageId, version: i.version, title: i.title, widgets: i.widgets, status: 'active', state: i.state, grants: effective(ws, i) });

async function api(req, res, parts, body) {
  const m = req.method;
  const [a, b, c, d, e, f, g] = parts;
  if (a === 'health') return [200, { status: 'ok', siloId: 'mock', silos: [{ siloId: 'mock', address: `127.0.0.1:${port}`, status: 'active' }] }];
  const role = auth(req, a === 'workspaces' ? b : undefined);
  if (a === 'modules') return [200, [{ name: 'time', doc: 'now(), iso()' }, { name: 'crypto', doc: 'sha256(text), randomId(n)' }, { name: 'kv', doc: 'get, set, delete, keys' }]];
  if (a === 'packages') {
    if (!b && m === 'GET') return [200, [...packages].map(([id, p]) => { const vs = [...p.versions.keys()]; const l = p.versions.get(vs[vs.length - 1]); return { packageId: id, title: l.title, description: l.manifest.description, latestVersion: vs[vs.length - 1], versions: vs }; })];
    const p = packages.get(b);
    if (!c && m === 'GET') { if (!p) fail(404, 'PACKAGE_NOT_FOUND', `No package ${b}`); return [200, { packageId: b, versions: [...p.versions.keys()].map((v) => ({ version: v })) }]; }
    if (c === 'versions' && m === 'GET') { const v = p?.versions.get(d); if (!v) fail(404, 'PACKAGE_NOT_FOUND', `No package ${b}@${d}`); return [200, { packageId: b, version: d, ...v }]; }
    if (c === 'versions' && m === 'PUT') {
      operatorOnly(role);
      if (!/^[a-z][a-z0-9-]{0,63}$/.test(b)) fail(400, 'VALIDATION_ERROR', 'Invalid packageId', { field: 'packageId' });
      if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(d)) fail(400, 'VALIDATION_ERROR', 'Invalid version', { field: 'version' });
      if (typeof body?.code !== 'string') fail(400, 'INVALID_REQUEST', 'code must be a string');
      if (!body.code.includes('definePlugin')) fail(422, 'PLUGIN_LOAD_ERROR', 'Plugin did not register via definePlugin');
      const widgets = [...body.code.matchAll(/^\s{6}([A-Za-z_][\w-]*)\s*:\s*\{\s*$/gm)].map((x) => x[1]);
      const entry = { code: body.code, manifest: body.manifest ?? {}, title: body.manifest?.title ?? 'Untitled Plugin', widgets: widgets.length ? widgets : ['main'] };
      const pkg = packages.get(b) ?? { versions: new Map() };
      const old = pkg.versions.get(d);
      if (old && JSON.stringify([old.code, old.manifest]) !== JSON.stringify([entry.code, entry.manifest])) fail(409, 'PACKAGE_VERSION_EXISTS', `${b}@${d} exists with other content`);
      pkg.versions.set(d, entry); packages.set(b, pkg);
      return [old ? 200 : 201, { packageId: b, version: d, title: entry.title, widgets: entry.widgets }];
    }
  }
  if (a === 'workspaces') {
    if (!b) {
      operatorOnly(role);
      if (m === 'GET') return [200, [...workspaces.keys()].map((w) => ({ workspaceId: w }))];
      if (m === 'POST') { if (workspaces.has(body.workspaceId)) fail(409, 'WORKSPACE_EXISTS', 'exists'); workspaces.set(body.workspaceId, newWorkspace()); return [201, { workspaceId: body.workspaceId }]; }
    }
    const ws = getWs(b);
    if (c === 'grants') {
      operatorOnly(role);
      if (!d && m === 'GET') return [200, [...ws.grants].map(([packageId, gr]) => ({ packageId, ...gr }))];
      if (d && m === 'PUT') { const gr = { readShared: body.readShared ?? [], writeShared: body.writeShared ?? [], modules: body.modules ?? [] }; ws.grants.set(d, gr); return [200, gr]; }
    }
    if (c === 'domains') {
      operatorOnly(role);
      const names = ['counter-summary', 'greeter-profile', 'runtime-metrics', 'runtime-registry'];
      if (!d && m === 'GET') return [200, names.map((n) => ({ domain: n, builtIn: true, readOnly: n.startsWith('runtime-') }))];
      if (d && m === 'GET') { if (!names.includes(d)) fail(404, 'DOMAIN_NOT_FOUND', `No domain ${d}`); return [200, { domain: d, builtIn: true, readOnly: d.startsWith('runtime-'), state: ws.domains[d] ?? projection(ws, d) }]; }
      if (d && m === 'PUT') fail(422, 'PLUGIN_LOAD_ERROR', 'The mock silo cannot run domain code');
    }
    if (c === 'timeline') { const n = Math.min(200, Number(new URL(req.url, 'http://x').searchParams.get('limit') ?? 50)); return [200, ws.timeline.slice(0, n)]; }
    if (c === 'tokens') { operatorOnly(role); if (m === 'POST') return [201, { tokenId: nanoid(), token: CLIENT }]; return [204]; }
    if (c === 'stream') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
      res.write(': connected\nretry: 2000\n\n');
      const last = Number(req.headers['last-event-id'] ?? 0);
      if (last) for (const ev of ws.events.filter((x) => Number(x.id) > last)) res.write(`id: ${ev.id}\nevent: ${ev.event}\ndata: ${JSON.stringify(ev.data)}\n\n`);
      ws.clients.add(res);
      const ping = setInterval(() => res.write(': keep-alive\n\n'), 15000);
      res.on('close', () => { clearInterval(ping); ws.clients.delete(res); });
      return null;
    }
    if (c === 'instances') {
      if (!d && m === 'POST') {
        const pkg = packages.get(body?.packageId);
        if (!pkg) fail(404, 'PACKAGE_NOT_FOUND', `No package ${body?.packageId}`);
        const vs = [...pkg.versions.keys()];
        const version = body.version ?? vs[vs.length - 1];
        const v = pkg.versions.get(version);
        if (!v) fail(404, 'PACKAGE_NOT_FOUND', `No package ${body.packageId}@${version}`);
        const preset = presets[body.packageId];
        const inst = { instanceId: `${body.packageId}@${nanoid()}`, packageId: body.packageId, version, title: v.title, widgets: v.widgets, manifest: v.manifest, state: structuredClone(preset?.initial ?? { clicks: 0, note: '' }) };
        ws.instances.set(inst.instanceId, inst);
        emit(ws, 'instance.created', { instanceId: inst.instanceId, packageId: inst.packageId, version, title: inst.title, widgets: inst.widgets });
        const { state, status, ...created } = instView(inst, ws);
        return [201, created];
      }
      if (!d && m === 'GET') return [200, [...ws.instances.values()].map((i) => instView(i, ws))];
      const inst = getInst(ws, d);
      if (!e && m === 'GET') return [200, instView(inst, ws)];
      if (!e && m === 'DELETE') {
        ws.instances.delete(d);
        const cs = ws.domains['counter-summary'];
        if (d in cs.valuesByInstance) { delete cs.valuesByInstance[d]; cs.totalValue = Object.values(cs.valuesByInstance).reduce((x, y) => x + y, 0); cs.instanceCount = Object.keys(cs.valuesByInstance).length; if (cs.lastUpdatedInstanceId === d) cs.lastUpdatedInstanceId = null; emit(ws, 'domain.changed', { domain: 'counter-summary' }); }
        emit(ws, 'instance.removed', { instanceId: d, packageId: inst.packageId });
        return [204];
      }
      if (e === 'logs') return [200, [{ timestamp: new Date().toISOString(), level: 'log', message: `${d} is a mock instance` }]];
      if (e === 'widgets') {
        if (!inst.widgets.includes(f)) fail(404, 'WIDGET_NOT_FOUND', `No widget ${f}`);
        const preset = presets[inst.packageId];
        if (!g && m === 'GET') {
          if (!preset) return [200, { tree: ui.panel([ui.text('Clicks: ' + (inst.state.clicks ?? 0)), ui.input(inst.state.note ?? '', { placeholder: 'Write a note', onChange: { handler: 'note' } }), ui.row([ui.button('Click', { onClick: { handler: 'click' } }), ui.button('Write shared counter', { variant: 'secondary', onClick: { handler: 'share' } })])]) }];
          return [200, { tree: preset.render(inst.state, globalState(ws, b, inst), f) }];
        }
        if (g === 'events' && m === 'POST') {
          let r;
          if (!preset) {
            const h = body.handler;
            if (h === 'click') r = { state: { ...inst.state, clicks: (inst.state.clicks ?? 0) + 1 }, local: ['click'], shared: [] };
            else if (h === 'note') r = { state: { ...inst.state, note: String(body.args?.value ?? '') }, local: ['note'], shared: [] };
            else if (h === 'share') r = { state: inst.state, local: [], shared: [['counter-summary', 'set-instance', { value: inst.state.clicks ?? 0 }]] };
            else fail(404, 'HANDLER_NOT_FOUND', `No handler ${h}`);
          } else if (!preset.event) fail(404, 'HANDLER_NOT_FOUND', `No handler ${body.handler}`);
          else r = preset.event(inst.state, body.handler, body.args);
          inst.state = r.state;
          const dispatches = r.local.map((t) => record(ws, inst, 'plugin', t, undefined, 'applied'));
          emit(ws, 'instance.state', { instanceId: inst.instanceId, state: inst.state });
          for (const [dom, act, payload] of r.shared) {
            const [outcome, reason] = applyShared(ws, inst, dom, act, payload);
            dispatches.push(record(ws, inst, 'shared', act, dom, outcome, reason));
            if (outcome === 'applied') emit(ws, 'domain.changed', { domain: dom });
          }
          return [200, { dispatches, state: inst.state }];
        }
      }
    }
  }
  fail(404, 'NOT_FOUND', `No route ${m} /api/v1/${parts.join('/')}`);
}

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json', '.svg': 'image/svg+xml' };
http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname.startsWith('/api/v1/')) {
    const chunks = [];
    req.on('data', (ch) => chunks.push(ch));
    req.on('end', async () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        let body;
        try { body = text ? JSON.parse(text) : undefined; } catch { fail(400, 'INVALID_REQUEST', 'Malformed JSON'); }
        const parts = url.pathname.slice('/api/v1/'.length).split('/').filter(Boolean).map(decodeURIComponent);
        const r = await api(req, res, parts, body);
        if (r === null) return;
        const [status, out] = r;
        if (out === undefined) { res.writeHead(status); res.end(); return; }
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(out));
      } catch (err) {
        const status = err?.status ?? 500;
        const error = err?.code ? { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } : { code: 'INTERNAL', message: 'Internal error' };
        if (!err?.code) console.error(err);
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error }));
      }
    });
    return;
  }
  let file = path.join(distDir, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
  if (!file.startsWith(distDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(distDir, 'index.html');
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404); res.end('run npm run build first'); return; }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(data);
  });
}).listen(port, '127.0.0.1', () => {
  console.log(`mock silo on http://127.0.0.1:${port}/#token=${OPERATOR}  (client token: ${CLIENT})`);
});
