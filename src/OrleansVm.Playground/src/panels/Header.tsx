/** Top bar: token, workspace, role and stream status, the Dashboard link and the page-level banner. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { App } from '../app.js';
import type { AppState } from '../store.js';

export function Header({ app, s }: { app: App; s: AppState }): JSX.Element {
  const [tokenDraft, setTokenDraft] = useState<string | undefined>(undefined);
  const [wsDraft, setWsDraft] = useState<string | undefined>(undefined);
  const submit = (ev: Event): void => {
    ev.preventDefault();
    const t = tokenDraft ?? s.token;
    const w = wsDraft ?? s.workspaceId;
    setTokenDraft(undefined);
    setWsDraft(undefined);
    if (t !== s.token) app.setToken(t);
    if (w !== s.workspaceId) app.setWorkspace(w);
    else if (t === s.token) void app.connect();
  };
  return (
    <header class="topbar">
      <div class="brand">
        <span class="logo" aria-hidden="true">◈</span>
        <h1>OrleansVm Playground</h1>
      </div>
      <form class="session" data-testid="session-form" onSubmit={submit}>
        <label class="field">
          <span>Token</span>
          <input
            type="password"
            autocomplete="off"
            spellcheck={false}
            placeholder="operator or client token"
            data-testid="token-input"
            aria-label="Token"
            value={tokenDraft ?? s.token}
            onInput={(ev) => setTokenDraft(ev.currentTarget.value)}
          />
        </label>
        <label class="field field-ws">
          <span>Workspace</span>
          <input
            type="text"
            list="workspace-list"
            spellcheck={false}
            data-testid="workspace-input"
            aria-label="Workspace"
            value={wsDraft ?? s.workspaceId}
            onInput={(ev) => setWsDraft(ev.currentTarget.value)}
          />
          <datalist id="workspace-list">
            {s.workspaces.map((w) => <option key={w} value={w} />)}
          </datalist>
        </label>
        <button type="submit" class="btn primary" data-testid="session-apply">Connect</button>
      </form>
      <div class="status">
        <span class={`pill role-${s.role}`} data-testid="role" title="Token kind">
          {s.role === 'unknown' ? 'no session' : s.role}
        </span>
        <span
          class={`pill conn-${s.connection}`}
          data-testid="connection-status"
          data-state={s.connection}
          title={s.connectionMessage ?? 'Event stream'}
        >
          {s.connection === 'live' ? '● live' : s.connection}
        </span>
        {/* The Orleans Dashboard (operator token); opened beside the playground. */}
        <a class="pill nav-link" href="/dashboard" target="_blank" rel="noopener" data-testid="dashboard-link">Dashboard</a>
      </div>
      {s.banner ? (
        <div class="banner" role="alert" data-testid="banner" data-code={s.banner.code}>
          <span>{s.banner.message}</span>
          <button type="button" class="btn ghost" aria-label="Dismiss" onClick={() => app.dismissBanner()}>×</button>
        </div>
      ) : null}
    </header>
  );
}
