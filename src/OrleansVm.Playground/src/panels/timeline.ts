/** The dispatch timeline (newest first) with outcome and reason; denials are tagged red. */
import type { App } from '../app.js';
import type { AppState } from '../store.js';
import { h, type VElement } from '../vdom.js';

export function formatTime(t: string | number | undefined): string {
  if (t === undefined) return '';
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  return d.toLocaleTimeString(undefined, { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
}

export function renderTimeline(app: App, s: AppState): VElement {
  return h(
    'section',
    { class: 'panel timeline', 'data-testid': 'timeline', 'aria-labelledby': 'timeline-title' },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'timeline-title' }, 'Dispatch timeline'),
      h('button', { type: 'button', class: 'btn ghost', 'data-testid': 'timeline-refresh', on: { click: () => void app.refreshTimeline() } }, 'Refresh'),
    ),
    s.timelineError ? h('p', { class: 'error', 'data-testid': 'timeline-error' }, s.timelineError) : null,
    s.timeline.length === 0 && !s.timelineError ? h('p', { class: 'muted' }, 'No dispatches yet.') : null,
    h(
      'ol',
      { class: 'timeline-list' },
      s.timeline.map((e) =>
        h(
          'li',
          {
            key: e.dispatchId,
            class: `entry outcome-${e.outcome}`,
            'data-testid': 'timeline-entry',
            'data-dispatch': e.dispatchId,
            'data-outcome': e.outcome,
            'data-scope': e.scope,
          },
          h('span', { class: `tag tag-${e.outcome}`, 'data-testid': `outcome-${e.outcome}` }, e.outcome),
          h(
            'span',
            { class: 'entry-action' },
            h('code', null, e.scope === 'shared' ? `${e.domain ?? '?'}/${e.actionType}` : e.actionType),
            h('span', { class: 'muted' }, ` ${e.scope}`),
          ),
          h('span', { class: 'entry-instance muted' }, e.instanceId ?? ''),
          h('time', { class: 'entry-time muted' }, formatTime(e.timestamp)),
          e.reason ? h('div', { class: 'entry-reason', 'data-testid': 'timeline-reason' }, e.reason) : null,
        ),
      ),
    ),
  );
}
