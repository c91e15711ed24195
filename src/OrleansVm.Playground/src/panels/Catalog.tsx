/** The package catalog: one card per package with Load, a load count and (operator) Edit. */
import type { JSX } from 'preact';
import type { App } from '../app.js';
import { loadCounts, type AppState } from '../store.js';

export function Catalog({ app, s }: { app: App; s: AppState }): JSX.Element {
  const counts = loadCounts(s);
  return (
    <section class="panel catalog" data-testid="catalog" aria-labelledby="catalog-title">
      <div class="panel-head">
        <h2 id="catalog-title">Packages</h2>
        <button type="button" class="btn ghost" data-testid="catalog-refresh" onClick={() => void app.refreshPackages()}>Refresh</button>
      </div>
      {s.packagesError ? <p class="error" data-testid="catalog-error">{s.packagesError}</p> : null}
      {s.packages.length === 0 && !s.packagesError ? (
        <p class="muted">{s.token ? 'No packages yet.' : 'Connect to see packages.'}</p>
      ) : null}
      <ul class="package-list">
        {s.packages.map((p) => {
          const n = counts[p.packageId] ?? 0;
          const loadError = s.loadErrors[p.packageId];
          return (
            <li key={p.packageId} class="package" data-testid={`package-${p.packageId}`}>
              <div class="package-main">
                <div class="package-title">{p.title ?? p.packageId}</div>
                <div class="package-meta">
                  <code>{p.packageId}</code>
                  {p.latestVersion ? <span class="muted">{` v${p.latestVersion}`}</span> : null}
                </div>
                {p.description ? <div class="package-desc muted">{String(p.description)}</div> : null}
                {loadError ? (
                  <div class="error" role="alert" data-testid={`loaderror-${p.packageId}`}>{`Load failed: ${loadError}`}</div>
                ) : null}
              </div>
              <div class="package-actions">
                <span
                  class={`count${n > 0 ? ' nonzero' : ''}`}
                  data-testid={`loadcount-${p.packageId}`}
                  data-count={n}
                  title="Instances in this workspace"
                >
                  {String(n)}
                </span>
                <button
                  type="button"
                  class="btn primary"
                  data-testid={`load-${p.packageId}`}
                  aria-label={`Load ${p.packageId}`}
                  onClick={() => void app.loadPackage(p.packageId)}
                >
                  Load
                </button>
                {s.role === 'operator' ? (
                  <button
                    type="button"
                    class="btn ghost"
                    data-testid={`edit-${p.packageId}`}
                    aria-label={`Edit a copy of ${p.packageId}`}
                    onClick={() => void app.editPackage(p.packageId)}
                  >
                    Edit
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
