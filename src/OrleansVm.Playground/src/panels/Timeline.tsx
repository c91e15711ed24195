/** The dispatch timeline (newest first) with outcome and reason; denials are tagged red. */
import type { JSX } from 'preact';
import type { App } from '../app.js';
import type { AppState } from '../store.js';

export function formatTime(t: string | number | undefined): string {
  if (t === undefined) return '';
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  return d.toLocaleTimeString(undefined, { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
}

export function Timeline({ app, s }: { app: App; s: AppState }): JSX.Element {
  return (
    <section class="panel timeline" data-testid="timeline" aria-labelledby="timeline-title">
      <div class="panel-head">
        <h2 id="timeline-title">Dispatch timeline</h2>
        <button type="button" class="btn ghost" data-testid="timeline-refresh" onClick={() => void app.refreshTimeline()}>Refresh</button>
      </div>
      {s.timelineError ? <p class="error" data-testid="timeline-error">{s.timelineError}</p> : null}
      {s.timeline.length === 0 && !s.timelineError ? <p class="muted">No dispatches yet.</p> : null}
      <ol class="timeline-list">
        {s.timeline.map((e) => (
          <li
            key={e.dispatchId}
            class={`entry outcome-${e.outcome}`}
            data-testid="timeline-entry"
            data-dispatch={e.dispatchId}
            data-outcome={e.outcome}
            data-scope={e.scope}
          >
            <span class={`tag tag-${e.outcome}`} data-testid={`outcome-${e.outcome}`}>{e.outcome}</span>
            <span class="entry-action">
              <code>{e.scope === 'shared' ? `${e.domain ?? '?'}/${e.actionType}` : e.actionType}</code>
              <span class="muted">{` ${e.scope}`}</span>
            </span>
            <span class="entry-instance muted">{e.instanceId ?? ''}</span>
            <time class="entry-time muted">{formatTime(e.timestamp)}</time>
            {e.reason ? <div class="entry-reason" data-testid="timeline-reason">{e.reason}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
