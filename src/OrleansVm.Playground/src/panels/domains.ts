/** Shared domains (operator): each domain's raw state, refreshed on domain.changed; define a domain. */
import type { App } from '../app.js';
import type { AppState } from '../store.js';
import { h, type VElement } from '../vdom.js';

const SAMPLE_DOMAIN = `defineDomain({
  initialState: { items: [] },
  reducers: {
    'item-added': function (state, action) {
      return { items: state.items.concat([action.payload]) };
    }
  },
  project: function (state) { return { count: state.items.length, items: state.items }; }
});
`;

export function createDomains(app: App): (s: AppState) => VElement {
  let name = 'todo';
  let code = SAMPLE_DOMAIN;
  let status: { kind: 'ok' | 'error'; message: string } | undefined;
  let rerender: () => void = () => undefined;
  const define = async () => {
    try {
      await app.client.defineDomain(app.store.get().workspaceId, name.trim(), { code });
      status = { kind: 'ok', message: `Defined ${name.trim()}` };
      await app.refreshDomains();
    } catch (e) {
      status = { kind: 'error', message: `Define failed: ${(e as Error).message} (${(e as { code?: string }).code ?? ''})` };
    }
    rerender();
  };
  return (s) => {
    rerender = () => app.store.update((x) => ({ ...x }));
    const operator = s.role === 'operator';
    return h(
      'section',
      { class: 'panel domains', 'data-testid': 'domains', 'aria-labelledby': 'domains-title' },
      h(
        'div',
        { class: 'panel-head' },
        h('h2', { id: 'domains-title' }, 'Shared domains'),
        operator
          ? h('button', { type: 'button', class: 'btn ghost', 'data-testid': 'domains-refresh', on: { click: () => void app.refreshDomains() } }, 'Refresh')
          : null,
      ),
      !operator ? h('p', { class: 'muted', 'data-testid': 'domains-needs-operator' }, 'Raw domain state needs an operator token.') : null,
      operator && s.domainsError ? h('p', { class: 'error', 'data-testid': 'domains-error' }, s.domainsError) : null,
      operator
        ? h(
            'div',
            { class: 'domain-list' },
            s.domains.map((d) =>
              h(
                'div',
                { key: d.summary.domain, class: 'domain', 'data-testid': `domain-${d.summary.domain}`, 'data-domain': d.summary.domain },
                h(
                  'div',
                  { class: 'domain-head' },
                  h('code', null, d.summary.domain),
                  d.summary.builtIn ? h('span', { class: 'tag' }, 'built-in') : null,
                  d.summary.readOnly ? h('span', { class: 'tag' }, 'read-only') : null,
                ),
                d.error
                  ? h('p', { class: 'error' }, d.error)
                  : h('pre', { class: 'json', 'data-testid': `domainstate-${d.summary.domain}` }, JSON.stringify(d.state, null, 2)),
              ),
            ),
          )
        : null,
      operator
        ? h(
            'details',
            { class: 'define-domain' },
            h('summary', null, 'Define a domain'),
            h(
              'label',
              { class: 'field' },
              h('span', null, 'Domain name'),
              h('input', {
                type: 'text',
                'data-testid': 'domaindef-name',
                value: name,
                on: { input: (ev) => (name = (ev.target as HTMLInputElement).value) },
              }),
            ),
            h('textarea', {
              class: 'code',
              rows: 9,
              spellcheck: 'false',
              'data-testid': 'domaindef-code',
              'aria-label': 'Domain code',
              value: code,
              on: { input: (ev) => (code = (ev.target as HTMLTextAreaElement).value) },
            }),
            h('button', { type: 'button', class: 'btn primary small', 'data-testid': 'domaindef-button', on: { click: () => void define() } }, 'Define'),
            status ? h('p', { class: status.kind === 'error' ? 'error' : 'ok', 'data-testid': 'domaindef-status' }, status.message) : null,
          )
        : null,
    );
  };
}
