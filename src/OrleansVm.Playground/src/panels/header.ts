/** Top bar: token, workspace, role and stream status, and the page-level banner. */
import type { App } from '../app.js';
import type { AppState } from '../store.js';
import { h, type VElement } from '../vdom.js';

export function createHeader(app: App): (s: AppState) => VElement {
  let tokenDraft: string | undefined;
  let wsDraft: string | undefined;
  return (s) => {
    const tokenValue = tokenDraft ?? s.token;
    const wsValue = wsDraft ?? s.workspaceId;
    return h(
      'header',
      { class: 'topbar' },
      h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◈'), h('h1', null, 'OrleansVm Playground')),
      h(
        'form',
        {
          class: 'session',
          'data-testid': 'session-form',
          on: {
            submit: (ev) => {
              ev.preventDefault();
              const t = tokenDraft ?? s.token;
              const w = wsDraft ?? s.workspaceId;
              tokenDraft = undefined;
              wsDraft = undefined;
              if (t !== s.token) app.setToken(t);
              if (w !== s.workspaceId) app.setWorkspace(w);
              else if (t === s.token) void app.connect();
            },
          },
        },
        h(
          'label',
          { class: 'field' },
          h('span', null, 'Token'),
          h('input', {
            type: 'password',
            autocomplete: 'off',
            spellcheck: 'false',
            placeholder: 'operator or client token',
            'data-testid': 'token-input',
            'aria-label': 'Token',
            value: tokenValue,
            on: { input: (ev) => (tokenDraft = (ev.target as HTMLInputElement).value) },
          }),
        ),
        h(
          'label',
          { class: 'field field-ws' },
          h('span', null, 'Workspace'),
          h('input', {
            type: 'text',
            list: 'workspace-list',
            spellcheck: 'false',
            'data-testid': 'workspace-input',
            'aria-label': 'Workspace',
            value: wsValue,
            on: { input: (ev) => (wsDraft = (ev.target as HTMLInputElement).value) },
          }),
          h('datalist', { id: 'workspace-list' }, s.workspaces.map((w) => h('option', { value: w }))),
        ),
        h('button', { type: 'submit', class: 'btn primary', 'data-testid': 'session-apply' }, 'Connect'),
      ),
      h(
        'div',
        { class: 'status' },
        h(
          'span',
          { class: `pill role-${s.role}`, 'data-testid': 'role', title: 'Token kind' },
          s.role === 'unknown' ? 'no session' : s.role,
        ),
        h(
          'span',
          {
            class: `pill conn-${s.connection}`,
            'data-testid': 'connection-status',
            'data-state': s.connection,
            title: s.connectionMessage ?? 'Event stream',
          },
          s.connection === 'live' ? '● live' : s.connection,
        ),
      ),
      s.banner
        ? h(
            'div',
            { class: 'banner', role: 'alert', 'data-testid': 'banner', 'data-code': s.banner.code },
            h('span', null, s.banner.message),
            h('button', { type: 'button', class: 'btn ghost', 'aria-label': 'Dismiss', on: { click: () => app.dismissBanner() } }, '×'),
          )
        : null,
    );
  };
}
