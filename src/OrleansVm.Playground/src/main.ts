/** Entry point: reads the token (URL fragment or localStorage), mounts the panels, connects. */
import './style.css';
import { App } from './app.js';
import { renderCatalog } from './panels/catalog.js';
import { createDomains } from './panels/domains.js';
import { renderEditor } from './panels/editor.js';
import { renderGrants } from './panels/grants.js';
import { createHeader } from './panels/header.js';
import { renderInstances } from './panels/instances.js';
import { renderTimeline } from './panels/timeline.js';
import { loadEditor, loadToken, loadWorkspace, saveToken, saveWorkspace } from './settings.js';
import { Store, initialState, parseFragment, type AppState } from './store.js';
import { patch, type VElement } from './vdom.js';

function takeFragment(): void {
  const f = parseFragment(location.hash);
  if (f.token) saveToken(f.token);
  if (f.workspace) saveWorkspace(f.workspace);
  if (f.token || f.workspace) {
    // keep the token out of the address bar, history and screenshots
    history.replaceState(null, '', location.pathname + location.search);
  }
}

takeFragment();
const store = new Store<AppState>(initialState(loadToken(), loadWorkspace(), loadEditor()));
const app = new App(store, '');
(window as unknown as { orleansvm: unknown }).orleansvm = { app, store };

const root = document.getElementById('app')!;
const mounts: Array<[HTMLElement, (s: AppState) => VElement]> = [];
function mount(id: string, view: (s: AppState) => VElement): void {
  const el = document.getElementById(id);
  if (el) mounts.push([el, view]);
}
root.innerHTML = `
  <div id="m-header"></div>
  <div class="layout">
    <aside id="m-catalog" class="col-catalog"></aside>
    <main id="m-instances" class="col-instances"></main>
    <div class="col-side">
      <div id="m-timeline"></div>
      <div id="m-domains"></div>
    </div>
  </div>
  <div class="tools">
    <div id="m-editor"></div>
    <div id="m-grants"></div>
  </div>`;
mount('m-header', createHeader(app));
mount('m-catalog', (s) => renderCatalog(app, s));
mount('m-instances', (s) => renderInstances(app, s));
mount('m-timeline', (s) => renderTimeline(app, s));
mount('m-domains', createDomains(app));
mount('m-editor', (s) => renderEditor(app, s));
mount('m-grants', (s) => renderGrants(app, s));

let scheduled = false;
function draw(): void {
  scheduled = false;
  const s = store.get();
  for (const [el, view] of mounts) {
    try {
      patch(el, [view(s)]);
    } catch (e) {
      console.error('render failed', e);
    }
  }
}
store.subscribe(() => {
  if (!scheduled) {
    scheduled = true;
    queueMicrotask(draw);
  }
});
draw();

window.addEventListener('hashchange', () => {
  const f = parseFragment(location.hash);
  if (!f.token && !f.workspace) return;
  takeFragment();
  store.update((s) => ({ ...s, token: loadToken(), workspaceId: loadWorkspace() }));
  void app.connect();
});

void app.connect();
