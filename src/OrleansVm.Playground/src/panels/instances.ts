/** The instance cards: header, errors, every widget rendered from its UI tree, logs. */
import type { App } from '../app.js';
import type { AppState, InstanceView } from '../store.js';
import { renderWidgetBody } from '../uiTree.js';
import { h, type VElement } from '../vdom.js';

export function renderInstances(app: App, s: AppState): VElement {
  return h(
    'section',
    { class: 'panel instances-panel', 'data-testid': 'instances', 'aria-labelledby': 'instances-title' },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'instances-title' }, 'Instances ', h('span', { class: 'muted', 'data-testid': 'instances-count' }, `(${s.order.length})`)),
      h('button', { type: 'button', class: 'btn ghost', 'data-testid': 'instances-refresh', on: { click: () => void app.refreshInstances() } }, 'Refresh'),
    ),
    s.instancesError
      ? h(
          'div',
          { class: 'error', role: 'alert', 'data-testid': 'instances-error' },
          s.instancesError,
          s.role === 'operator' && /WORKSPACE_NOT_FOUND|NOT_FOUND/.test(s.instancesError)
            ? h(
                'button',
                { type: 'button', class: 'btn primary', 'data-testid': 'create-workspace', on: { click: () => void app.createWorkspace() } },
                `Create workspace ${s.workspaceId}`,
              )
            : null,
        )
      : null,
    s.order.length === 0 && !s.instancesError ? h('p', { class: 'muted empty' }, 'No instances. Load a package from the catalog.') : null,
    h('div', { class: 'cards' }, s.order.map((id) => s.instances[id]).filter((v): v is InstanceView => !!v).map((v) => renderCard(app, v))),
  );
}

function renderCard(app: App, v: InstanceView): VElement {
  const id = v.info.instanceId;
  const status = v.info.status ?? 'active';
  return h(
    'article',
    {
      key: id,
      class: `card status-${status}${v.pendingEvents > 0 ? ' busy' : ''}`,
      'data-testid': `instance-${id}`,
      'data-instance': id,
      'data-package': v.info.packageId,
      'data-status': status,
      'aria-label': `${v.info.title} ${id}`,
    },
    h(
      'header',
      { class: 'card-head' },
      h(
        'div',
        { class: 'card-title' },
        h('h3', { 'data-testid': 'card-title' }, v.info.title || v.info.packageId),
        h(
          'div',
          { class: 'card-meta' },
          h('code', { 'data-testid': 'card-instance-id' }, id),
          h('span', { class: 'muted' }, v.info.version ? ` v${v.info.version}` : ''),
          h('span', { class: `pill status status-${status}`, 'data-testid': 'card-status' }, status),
        ),
      ),
      h(
        'div',
        { class: 'card-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'btn ghost small',
            'data-testid': `logs-${id}`,
            'aria-expanded': v.logsOpen ? 'true' : 'false',
            on: { click: () => void app.toggleLogs(id) },
          },
          'Logs',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn danger small',
            'data-testid': `remove-${id}`,
            'aria-label': `Remove ${id}`,
            on: { click: () => void app.removeInstance(id) },
          },
          'Remove',
        ),
      ),
    ),
    v.eventError
      ? h(
          'div',
          { class: 'event-error', role: 'alert', 'data-testid': 'event-error' },
          h('span', null, `Event failed: ${v.eventError}`),
          h('button', { type: 'button', class: 'btn ghost small', 'aria-label': 'Dismiss', on: { click: () => app.dismissEventError(id) } }, '×'),
        )
      : null,
    v.notApplied && v.notApplied.length > 0
      ? h(
          'ul',
          { class: 'dispatch-notice', 'data-testid': 'dispatch-notice' },
          v.notApplied.map((d) =>
            h(
              'li',
              { 'data-outcome': d.outcome },
              h('span', { class: `tag tag-${d.outcome}` }, d.outcome),
              ` ${d.domain ?? ''}/${d.actionType}`,
              d.reason ? h('span', { class: 'muted' }, ` — ${d.reason}`) : null,
            ),
          ),
        )
      : null,
    h(
      'div',
      { class: 'widgets' },
      Object.entries(v.widgets).map(([widgetId, w]) =>
        h(
          'section',
          {
            key: widgetId,
            class: 'widget',
            'data-testid': `widget-${id}-${widgetId}`,
            'data-widget': widgetId,
            'aria-label': `Widget ${widgetId}`,
          },
          h('div', { class: 'widget-label' }, widgetId),
          renderWidgetBody(w, { onEvent: (ev) => void app.sendEvent(id, widgetId, ev) }),
        ),
      ),
    ),
    v.logsOpen
      ? h(
          'div',
          { class: 'logs' },
          h(
            'div',
            { class: 'logs-head' },
            h('span', null, 'Console'),
            h('button', { type: 'button', class: 'btn ghost small', 'data-testid': `logsrefresh-${id}`, on: { click: () => void app.refreshLogs(id) } }, 'Refresh'),
          ),
          h(
            'pre',
            { 'data-testid': `logsout-${id}` },
            (v.logs ?? []).length === 0 ? '(no console output)' : (v.logs ?? []).map((l) => `[${l.level}] ${l.message}`).join('\n'),
          ),
        )
      : null,
  );
}
