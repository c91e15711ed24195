/** The code editor: package id, version, manifest and ES5 code; Publish (operator) then Load. */
import type { JSX, TargetedKeyboardEvent } from 'preact';
import type { App } from '../app.js';
import { defaultEditor } from '../settings.js';
import { bumpVersion, type AppState } from '../store.js';

type TextEvent = { currentTarget: HTMLInputElement | HTMLTextAreaElement };

export function Editor({ app, s }: { app: App; s: AppState }): JSX.Element {
  const e = s.editor;
  const operator = s.role === 'operator';
  const edit = (field: 'packageId' | 'version' | 'manifest' | 'code') => (ev: TextEvent) =>
    app.setEditor({ [field]: ev.currentTarget.value, published: undefined });
  const tabInsertsSpaces = (k: TargetedKeyboardEvent<HTMLTextAreaElement>): void => {
    if (k.key === 'Tab' && !k.shiftKey && !k.ctrlKey && !k.metaKey && !k.altKey) {
      // insert two spaces instead of leaving the field
      k.preventDefault();
      const ta = k.currentTarget;
      ta.setRangeText('  ', ta.selectionStart, ta.selectionEnd, 'end');
      app.setEditor({ code: ta.value, published: undefined });
    }
  };
  return (
    <section class="panel editor" data-testid="editor" aria-labelledby="editor-title">
      <div class="panel-head">
        <h2 id="editor-title">Plugin editor</h2>
      </div>
      {!operator ? (
        <p class="muted" data-testid="editor-needs-operator">
          Publishing needs an operator token. A custom plugin gets no grants until an operator gives them.
        </p>
      ) : (
        <p class="muted">ES5 only (no arrow functions, classes, template literals). A custom plugin gets no grants until you give them below.</p>
      )}
      <div class="editor-ids">
        <label class="field">
          <span>Package id</span>
          <input type="text" spellcheck={false} data-testid="editor-package-id" value={e.packageId} onInput={edit('packageId')} />
        </label>
        <label class="field">
          <span>Version</span>
          <input type="text" spellcheck={false} data-testid="editor-version" value={e.version} onInput={edit('version')} />
        </label>
        <button
          type="button"
          class="btn ghost small"
          data-testid="editor-bump"
          title="Next patch version"
          onClick={() => app.setEditor({ version: bumpVersion(e.version), published: undefined })}
        >
          +1
        </button>
      </div>
      <label class="field">
        <span>Manifest (JSON)</span>
        <textarea class="code manifest" rows={6} spellcheck={false} data-testid="editor-manifest" value={e.manifest} onInput={edit('manifest')} />
      </label>
      <label class="field">
        <span>Code</span>
        <textarea
          class="code"
          rows={18}
          spellcheck={false}
          data-testid="editor-code"
          value={e.code}
          onInput={edit('code')}
          onKeyDown={tabInsertsSpaces}
        />
      </label>
      <div class="editor-actions">
        <button type="button" class="btn primary" data-testid="publish-button" disabled={e.busy || !operator} onClick={() => void app.publish()}>
          {e.busy ? 'Publishing…' : 'Publish'}
        </button>
        <button
          type="button"
          class="btn"
          data-testid="editor-load-button"
          disabled={e.busy || !s.token}
          title="Load an instance of this package version"
          onClick={() => void app.loadPublished()}
        >
          Load
        </button>
        <button
          type="button"
          class="btn ghost"
          data-testid="editor-reset"
          onClick={() => app.setEditor({ ...defaultEditor(), status: undefined, published: undefined })}
        >
          Reset sample
        </button>
      </div>
      {e.status ? (
        <p class={e.status.kind === 'error' ? 'error' : 'ok'} role="status" data-testid="editor-status" data-kind={e.status.kind}>
          {e.status.message}
        </p>
      ) : null}
    </section>
  );
}
