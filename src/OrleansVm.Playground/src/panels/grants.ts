/** Grants (operator): per package, read/write checkboxes per domain and module checkboxes. */
import type { App } from '../app.js';
import { EMPTY_GRANTS, sameGrants, toggleGrant, type AppState, type GrantKind } from '../store.js';
import { h, type VElement } from '../vdom.js';

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

export function renderGrants(app: App, s: AppState): VElement {
  const operator = s.role === 'operator';
  const names = grantNames(s);
  return h(
    'section',
    { class: 'panel grants', 'data-testid': 'grants', 'aria-labelledby': 'grants-title' },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'grants-title' }, 'Grants'),
      operator
        ? h('button', { type: 'button', class: 'btn ghost', 'data-testid': 'grants-refresh', on: { click: () => void app.refreshGrants() } }, 'Refresh')
        : null,
    ),
    !operator ? h('p', { class: 'muted', 'data-testid': 'grants-needs-operator' }, 'Grants need an operator token.') : null,
    operator && s.grantsError ? h('p', { class: 'error', 'data-testid': 'grants-error' }, s.grantsError) : null,
    operator
      ? h(
          'div',
          { class: 'grant-list' },
          names.packages.map((pkg) => {
            const current = s.grants[pkg] ?? EMPTY_GRANTS;
            const draft = app.grantDraft(pkg);
            const dirty = !sameGrants(draft, current);
            const box = (kind: GrantKind, name: string, disabled = false) =>
              h(
                'label',
                { class: `check${disabled ? ' disabled' : ''}` },
                h('input', {
                  type: 'checkbox',
                  'data-testid': `grant-${pkg}-${kind}-${name}`,
                  'aria-label': `${pkg} ${kind} ${name}`,
                  checked: draft[kind].includes(name),
                  disabled: disabled && !draft[kind].includes(name),
                  on: { change: (ev) => app.setGrantDraft(pkg, toggleGrant(app.grantDraft(pkg), kind, name, (ev.target as HTMLInputElement).checked)) },
                }),
                name,
              );
            return h(
              'div',
              { key: pkg, class: `grant${dirty ? ' dirty' : ''}`, 'data-testid': `grantrow-${pkg}` },
              h(
                'div',
                { class: 'grant-summary' },
                h('code', null, pkg),
                h(
                  'span',
                  { class: 'grant-current muted', 'data-testid': `grantcurrent-${pkg}` },
                  `read: ${current.readShared.join(', ') || '—'} · write: ${current.writeShared.join(', ') || '—'} · modules: ${current.modules.join(', ') || '—'}`,
                ),
              ),
              h(
                'div',
                { class: 'grant-grid' },
                h('div', { class: 'grant-col' }, h('h4', null, 'readShared'), names.domains.map((d) => box('readShared', d))),
                h('div', { class: 'grant-col' }, h('h4', null, 'writeShared'), names.domains.map((d) => box('writeShared', d, READ_ONLY_DOMAINS.has(d)))),
                h('div', { class: 'grant-col' }, h('h4', null, 'modules'), names.modules.map((m) => box('modules', m))),
              ),
              h(
                'div',
                { class: 'grant-actions' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn primary small',
                    'data-testid': `grantsave-${pkg}`,
                    disabled: !dirty,
                    on: { click: () => void app.saveGrants(pkg) },
                  },
                  'Save grants',
                ),
                s.grantStatus[pkg] ? h('span', { class: 'muted', 'data-testid': `grantstatus-${pkg}` }, s.grantStatus[pkg]) : null,
              ),
            );
          }),
        )
      : null,
  );
}
