/** The package catalog: one card per package with Load, a load count and (operator) Edit. */
import type { App } from '../app.js';
import { loadCounts, type AppState } from '../store.js';
import { h, type VElement } from '../vdom.js';

export function renderCatalog(app: App, s: AppState): VElement {
  const counts = loadCounts(s);
  return h(
    'section',
    { class: 'panel catalog', 'data-testid': 'catalog', 'aria-labelledby': 'catalog-title' },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'catalog-title' }, 'Packages'),
      h('button', { type: 'button', class: 'btn ghost', 'data-testid': 'catalog-refresh', on: { click: () => void app.refreshPackages() } }, 'Refresh'),
    ),
    s.packagesError ? h('p', { class: 'error', 'data-testid': 'catalog-error' }, s.packagesError) : null,
    s.packages.length === 0 && !s.packagesError ? h('p', { class: 'muted' }, s.token ? 'No packages yet.' : 'Connect to see packages.') : null,
    h(
      'ul',
      { class: 'package-list' },
      s.packages.map((p) => {
        const n = counts[p.packageId] ?? 0;
        return h(
          'li',
          { key: p.packageId, class: 'package', 'data-testid': `package-${p.packageId}` },
          h(
            'div',
            { class: 'package-main' },
            h('div', { class: 'package-title' }, p.title ?? p.packageId),
            h(
              'div',
              { class: 'package-meta' },
              h('code', null, p.packageId),
              p.latestVersion ? h('span', { class: 'muted' }, ` v${p.latestVersion}`) : null,
            ),
            p.description ? h('div', { class: 'package-desc muted' }, String(p.description)) : null,
            s.loadErrors[p.packageId]
              ? h('div', { class: 'error', role: 'alert', 'data-testid': `loaderror-${p.packageId}` }, `Load failed: ${s.loadErrors[p.packageId]}`)
              : null,
          ),
          h(
            'div',
            { class: 'package-actions' },
            h(
              'span',
              { class: `count${n > 0 ? ' nonzero' : ''}`, 'data-testid': `loadcount-${p.packageId}`, 'data-count': n, title: 'Instances in this workspace' },
              String(n),
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'btn primary',
                'data-testid': `load-${p.packageId}`,
                'aria-label': `Load ${p.packageId}`,
                on: { click: () => void app.loadPackage(p.packageId) },
              },
              'Load',
            ),
            s.role === 'operator'
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn ghost',
                    'data-testid': `edit-${p.packageId}`,
                    'aria-label': `Edit a copy of ${p.packageId}`,
                    on: { click: () => void app.editPackage(p.packageId) },
                  },
                  'Edit',
                )
              : null,
          ),
        );
      }),
    ),
  );
}
