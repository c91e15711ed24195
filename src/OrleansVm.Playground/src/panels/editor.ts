/** The code editor: package id, version, manifest and ES5 code; Publish (operator) then Load. */
import type { App } from '../app.js';
import { bumpVersion, type AppState } from '../store.js';
import { defaultEditor } from '../settings.js';
import { h, type VElement } from '../vdom.js';

export function renderEditor(app: App, s: AppState): VElement {
  const e = s.editor;
  const operator = s.role === 'operator';
  const inputOf = (ev: Event) => (ev.target as HTMLInputElement | HTMLTextAreaElement).value;
  return h(
    'section',
    { class: 'panel editor', 'data-testid': 'editor', 'aria-labelledby': 'editor-title' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'editor-title' }, 'Plugin editor')),
    !operator
      ? h('p', { class: 'muted', 'data-testid': 'editor-needs-operator' }, 'Publishing needs an operator token. A custom plugin gets no grants until an operator gives them.')
      : h('p', { class: 'muted' }, 'ES5 only (no arrow functions, classes, template literals). A custom plugin gets no grants until you give them below.'),
    h(
      'div',
      { class: 'editor-ids' },
      h(
        'label',
        { class: 'field' },
        h('span', null, 'Package id'),
        h('input', {
          type: 'text',
          spellcheck: 'false',
          'data-testid': 'editor-package-id',
          value: e.packageId,
          on: { input: (ev) => app.setEditor({ packageId: inputOf(ev), published: undefined }) },
        }),
      ),
      h(
        'label',
        { class: 'field' },
        h('span', null, 'Version'),
        h('input', {
          type: 'text',
          spellcheck: 'false',
          'data-testid': 'editor-version',
          value: e.version,
          on: { input: (ev) => app.setEditor({ version: inputOf(ev), published: undefined }) },
        }),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn ghost small',
          'data-testid': 'editor-bump',
          title: 'Next patch version',
          on: { click: () => app.setEditor({ version: bumpVersion(e.version), published: undefined }) },
        },
        '+1',
      ),
    ),
    h(
      'label',
      { class: 'field' },
      h('span', null, 'Manifest (JSON)'),
      h('textarea', {
        class: 'code manifest',
        rows: 6,
        spellcheck: 'false',
        'data-testid': 'editor-manifest',
        value: e.manifest,
        on: { input: (ev) => app.setEditor({ manifest: inputOf(ev), published: undefined }) },
      }),
    ),
    h(
      'label',
      { class: 'field' },
      h('span', null, 'Code'),
      h('textarea', {
        class: 'code',
        rows: 18,
        spellcheck: 'false',
        'data-testid': 'editor-code',
        value: e.code,
        on: {
          input: (ev) => app.setEditor({ code: inputOf(ev), published: undefined }),
          keydown: (ev) => {
            const k = ev as KeyboardEvent;
            if (k.key === 'Tab' && !k.shiftKey && !k.ctrlKey && !k.metaKey && !k.altKey) {
              // insert two spaces instead of leaving the field
              k.preventDefault();
              const ta = k.target as HTMLTextAreaElement;
              ta.setRangeText('  ', ta.selectionStart, ta.selectionEnd, 'end');
              app.setEditor({ code: ta.value, published: undefined });
            }
          },
        },
      }),
    ),
    h(
      'div',
      { class: 'editor-actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn primary',
          'data-testid': 'publish-button',
          disabled: e.busy || !operator,
          on: { click: () => void app.publish() },
        },
        e.busy ? 'Publishing…' : 'Publish',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          'data-testid': 'editor-load-button',
          disabled: e.busy || !s.token,
          title: 'Load an instance of this package version',
          on: { click: () => void app.loadPublished() },
        },
        'Load',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn ghost',
          'data-testid': 'editor-reset',
          on: { click: () => app.setEditor({ ...defaultEditor(), status: undefined, published: undefined }) },
        },
        'Reset sample',
      ),
    ),
    e.status
      ? h(
          'p',
          { class: e.status.kind === 'error' ? 'error' : 'ok', role: 'status', 'data-testid': 'editor-status', 'data-kind': e.status.kind },
          e.status.message,
        )
      : null,
  );
}
