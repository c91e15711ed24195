/** Grants (operator): per package, read/write checkboxes per domain and module checkboxes. */
import type { JSX } from 'preact';
import type { App } from '../app.js';
import { EMPTY_GRANTS, sameGrants, toggleGrant, type AppState, type GrantKind } from '../store.js';

const BUILT_IN_DOMAINS = ['counter-summary', 'greeter-profile', 'runtime-metrics', 'runtime-registry'];
const READ_ONLY_DOMAINS = new Set(['runtime-metrics', 'runtime-registry']);
const DEFAULT_MODULES = ['crypto', 'kv', 'time'];

export function grantNames(s: AppState): { domains: string[]; modules: string[]; packages: string[] } {
  const domains = new Set(BUILT_IN_DOMAINS);
  for (const d of s.domains) domains.add(d.summary.domain);
  const modules = new Set(s.modules.length > 0 ? s.modules.map((m) => m.name) : DEFAULT_MODULES);
  const packages = new Set(s.packages.map((p) => p.packageId));
  for (const [pkg, g] of Object.entries(s.grants)) {
    packages.add(pkg);
    g.readShared.forEach((d) => domains.add(d));
    g.writeShared.forEach((d) => domains.add(d));
    g.modules.forEach((m) => modules.add(m));
  }
  return { domains: [...domains].sort(), modules: [...modules].sort(), packages: [...packages].sort() };
}

export function Grants({ app, s }: { app: App; s: AppState }): JSX.Element {
  const operator = s.role === 'operator';
  const names = grantNames(s);
  return (
    <section class="panel grants" data-testid="grants" aria-labelledby="grants-title">
      <div class="panel-head">
        <h2 id="grants-title">Grants</h2>
        {operator ? (
          <button type="button" class="btn ghost" data-testid="grants-refresh" onClick={() => void app.refreshGrants()}>Refresh</button>
        ) : null}
      </div>
      {!operator ? <p class="muted" data-testid="grants-needs-operator">Grants need an operator token.</p> : null}
      {operator && s.grantsError ? <p class="error" data-testid="grants-error">{s.grantsError}</p> : null}
      {operator ? (
        <div class="grant-list">
          {names.packages.map((pkg) => (
            <GrantRow key={pkg} app={app} s={s} pkg={pkg} domains={names.domains} modules={names.modules} />
          ))}
        </div>
      ) : null}
    </section>
  );
}

function GrantRow(props: { app: App; s: AppState; pkg: string; domains: string[]; modules: string[] }): JSX.Element {
  const { app, s, pkg } = props;
  const current = s.grants[pkg] ?? EMPTY_GRANTS;
  const draft = s.grantDrafts[pkg] ?? current;
  const dirty = !sameGrants(draft, current);
  const box = (kind: GrantKind, name: string, readOnly = false) => {
    const checked = draft[kind].includes(name);
    const disabled = readOnly && !checked;
    return (
      <label key={name} class={`check${readOnly ? ' disabled' : ''}`}>
        <input
          type="checkbox"
          data-testid={`grant-${pkg}-${kind}-${name}`}
          aria-label={`${pkg} ${kind} ${name}`}
          checked={checked}
          disabled={disabled}
          onChange={(ev) => app.setGrantDraft(pkg, toggleGrant(app.grantDraft(pkg), kind, name, ev.currentTarget.checked))}
        />
        {name}
      </label>
    );
  };
  return (
    <div class={`grant${dirty ? ' dirty' : ''}`} data-testid={`grantrow-${pkg}`}>
      <div class="grant-summary">
        <code>{pkg}</code>
        <span class="grant-current muted" data-testid={`grantcurrent-${pkg}`}>
          {`read: ${current.readShared.join(', ') || '—'} · write: ${current.writeShared.join(', ') || '—'} · modules: ${current.modules.join(', ') || '—'}`}
        </span>
      </div>
      <div class="grant-grid">
        <div class="grant-col">
          <h4>readShared</h4>
          {props.domains.map((d) => box('readShared', d))}
        </div>
        <div class="grant-col">
          <h4>writeShared</h4>
          {props.domains.map((d) => box('writeShared', d, READ_ONLY_DOMAINS.has(d)))}
        </div>
        <div class="grant-col">
          <h4>modules</h4>
          {props.modules.map((m) => box('modules', m))}
        </div>
      </div>
      <div class="grant-actions">
        <button type="button" class="btn primary small" data-testid={`grantsave-${pkg}`} disabled={!dirty} onClick={() => void app.saveGrants(pkg)}>
          Save grants
        </button>
        {s.grantStatus[pkg] ? <span class="muted" data-testid={`grantstatus-${pkg}`}>{s.grantStatus[pkg]}</span> : null}
      </div>
    </div>
  );
}
