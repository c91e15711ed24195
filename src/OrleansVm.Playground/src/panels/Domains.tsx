/** Shared domains (operator): each domain's raw state, refreshed on domain.changed; define a domain. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { App, Outcome } from '../app.js';
import type { AppState } from '../store.js';

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

export function Domains({ app, s }: { app: App; s: AppState }): JSX.Element {
  const operator = s.role === 'operator';
  return (
    <section class="panel domains" data-testid="domains" aria-labelledby="domains-title">
      <div class="panel-head">
        <h2 id="domains-title">Shared domains</h2>
        {operator ? (
          <button type="button" class="btn ghost" data-testid="domains-refresh" onClick={() => void app.refreshDomains()}>Refresh</button>
        ) : null}
      </div>
      {!operator ? <p class="muted" data-testid="domains-needs-operator">Raw domain state needs an operator token.</p> : null}
      {operator && s.domainsError ? <p class="error" data-testid="domains-error">{s.domainsError}</p> : null}
      {operator ? (
        <div class="domain-list">
          {s.domains.map((d) => (
            <div key={d.summary.domain} class="domain" data-testid={`domain-${d.summary.domain}`} data-domain={d.summary.domain}>
              <div class="domain-head">
                <code>{d.summary.domain}</code>
                {d.summary.builtIn ? <span class="tag">built-in</span> : null}
                {d.summary.readOnly ? <span class="tag">read-only</span> : null}
              </div>
              {d.error ? (
                <p class="error">{d.error}</p>
              ) : (
                <pre class="json" data-testid={`domainstate-${d.summary.domain}`}>{JSON.stringify(d.state, null, 2)}</pre>
              )}
            </div>
          ))}
        </div>
      ) : null}
      {operator ? <DefineDomain app={app} /> : null}
    </section>
  );
}

function DefineDomain({ app }: { app: App }): JSX.Element {
  const [name, setName] = useState('todo');
  const [code, setCode] = useState(SAMPLE_DOMAIN);
  const [status, setStatus] = useState<Outcome | undefined>(undefined);
  return (
    <details class="define-domain">
      <summary>Define a domain</summary>
      <label class="field">
        <span>Domain name</span>
        <input type="text" data-testid="domaindef-name" value={name} onInput={(ev) => setName(ev.currentTarget.value)} />
      </label>
      <textarea
        class="code"
        rows={9}
        spellcheck={false}
        data-testid="domaindef-code"
        aria-label="Domain code"
        value={code}
        onInput={(ev) => setCode(ev.currentTarget.value)}
      />
      <button type="button" class="btn primary small" data-testid="domaindef-button" onClick={async () => setStatus(await app.defineDomain(name, code))}>
        Define
      </button>
      {status ? (
        <p class={status.kind === 'error' ? 'error' : 'ok'} data-testid="domaindef-status">{status.message}</p>
      ) : null}
    </details>
  );
}
