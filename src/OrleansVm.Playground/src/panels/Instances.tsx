/** The instance cards: header, errors, every widget rendered from its UI tree, logs. */
import type { JSX } from 'preact';
import type { App } from '../app.js';
import { WidgetBody } from '../PluginUi.js';
import type { AppState, InstanceView } from '../store.js';

export function Instances({ app, s }: { app: App; s: AppState }): JSX.Element {
  const cards = s.order.map((id) => s.instances[id]).filter((v): v is InstanceView => !!v);
  return (
    <section class="panel instances-panel" data-testid="instances" aria-labelledby="instances-title">
      <div class="panel-head">
        <h2 id="instances-title">
          {'Instances '}
          <span class="muted" data-testid="instances-count">{`(${s.order.length})`}</span>
        </h2>
        <button type="button" class="btn ghost" data-testid="instances-refresh" onClick={() => void app.refreshInstances()}>Refresh</button>
      </div>
      {s.instancesError ? (
        <div class="error" role="alert" data-testid="instances-error">
          {s.instancesError}
          {s.role === 'operator' && /WORKSPACE_NOT_FOUND|NOT_FOUND/.test(s.instancesError) ? (
            <button type="button" class="btn primary" data-testid="create-workspace" onClick={() => void app.createWorkspace()}>
              {`Create workspace ${s.workspaceId}`}
            </button>
          ) : null}
        </div>
      ) : null}
      {s.order.length === 0 && !s.instancesError ? <p class="muted empty">No instances. Load a package from the catalog.</p> : null}
      <div class="cards">
        {cards.map((v) => <InstanceCard key={v.info.instanceId} app={app} v={v} />)}
      </div>
    </section>
  );
}

export function InstanceCard({ app, v }: { app: App; v: InstanceView }): JSX.Element {
  const id = v.info.instanceId;
  const status = v.info.status ?? 'active';
  const logs = v.logs ?? [];
  return (
    <article
      class={`card status-${status}${v.pendingEvents > 0 ? ' busy' : ''}`}
      data-testid={`instance-${id}`}
      data-instance={id}
      data-package={v.info.packageId}
      data-status={status}
      aria-label={`${v.info.title} ${id}`}
    >
      <header class="card-head">
        <div class="card-title">
          <h3 data-testid="card-title">{v.info.title || v.info.packageId}</h3>
          <div class="card-meta">
            <code data-testid="card-instance-id">{id}</code>
            <span class="muted">{v.info.version ? ` v${v.info.version}` : ''}</span>
            <span class={`pill status status-${status}`} data-testid="card-status">{status}</span>
          </div>
        </div>
        <div class="card-actions">
          <button
            type="button"
            class="btn ghost small"
            data-testid={`logs-${id}`}
            aria-expanded={v.logsOpen ? 'true' : 'false'}
            onClick={() => void app.toggleLogs(id)}
          >
            Logs
          </button>
          <button
            type="button"
            class="btn danger small"
            data-testid={`remove-${id}`}
            aria-label={`Remove ${id}`}
            onClick={() => void app.removeInstance(id)}
          >
            Remove
          </button>
        </div>
      </header>
      {v.eventError ? (
        <div class="event-error" role="alert" data-testid="event-error">
          <span>{`Event failed: ${v.eventError}`}</span>
          <button type="button" class="btn ghost small" aria-label="Dismiss" onClick={() => app.dismissEventError(id)}>×</button>
        </div>
      ) : null}
      {v.notApplied && v.notApplied.length > 0 ? (
        <ul class="dispatch-notice" data-testid="dispatch-notice">
          {v.notApplied.map((d) => (
            <li key={d.dispatchId} data-outcome={d.outcome}>
              <span class={`tag tag-${d.outcome}`}>{d.outcome}</span>
              {` ${d.domain ?? ''}/${d.actionType}`}
              {d.reason ? <span class="muted">{` — ${d.reason}`}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div class="widgets">
        {Object.entries(v.widgets).map(([widgetId, w]) => (
          <section
            key={widgetId}
            class="widget"
            data-testid={`widget-${id}-${widgetId}`}
            data-widget={widgetId}
            aria-label={`Widget ${widgetId}`}
          >
            <div class="widget-label">{widgetId}</div>
            <WidgetBody widget={w} onEvent={(ev) => void app.sendEvent(id, widgetId, ev)} />
          </section>
        ))}
      </div>
      {v.logsOpen ? (
        <div class="logs">
          <div class="logs-head">
            <span>Console</span>
            <button type="button" class="btn ghost small" data-testid={`logsrefresh-${id}`} onClick={() => void app.refreshLogs(id)}>Refresh</button>
          </div>
          <pre data-testid={`logsout-${id}`}>
            {logs.length === 0 ? '(no console output)' : logs.map((l) => `[${l.level}] ${l.message}`).join('\n')}
          </pre>
        </div>
      ) : null}
    </article>
  );
}
