/** What the page keeps in localStorage (token, workspace, editor draft). */
import type { EditorState } from './store.js';
import { SAMPLE_CODE, SAMPLE_MANIFEST } from './sample.js';

const KEY_TOKEN = 'orleansvm.token';
const KEY_WORKSPACE = 'orleansvm.workspace';
const KEY_EDITOR = 'orleansvm.editor';

function read(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null || value === '') globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch {
    /* private mode: keep it in memory only */
  }
}

export const loadToken = (): string => read(KEY_TOKEN) ?? '';
export const saveToken = (t: string): void => write(KEY_TOKEN, t);
export const loadWorkspace = (): string => read(KEY_WORKSPACE) ?? 'demo';
export const saveWorkspace = (w: string): void => write(KEY_WORKSPACE, w);

export function defaultEditor(): EditorState {
  return { packageId: 'my-plugin', version: '0.1.0', manifest: SAMPLE_MANIFEST, code: SAMPLE_CODE, busy: false };
}

export function loadEditor(): EditorState {
  const raw = read(KEY_EDITOR);
  const d = defaultEditor();
  if (!raw) return d;
  try {
    const o = JSON.parse(raw) as Partial<EditorState>;
    return {
      ...d,
      packageId: typeof o.packageId === 'string' ? o.packageId : d.packageId,
      version: typeof o.version === 'string' ? o.version : d.version,
      manifest: typeof o.manifest === 'string' ? o.manifest : d.manifest,
      code: typeof o.code === 'string' ? o.code : d.code,
    };
  } catch {
    return d;
  }
}

export function saveEditor(e: EditorState): void {
  write(KEY_EDITOR, JSON.stringify({ packageId: e.packageId, version: e.version, manifest: e.manifest, code: e.code }));
}
