/** Entry point: reads the token (URL fragment or localStorage), renders the page, connects. */
import './style.css';
import { render } from 'preact';
import { App } from './app.js';
import { Page } from './Page.js';
import { loadEditor, loadToken, loadWorkspace, saveToken, saveWorkspace } from './settings.js';
import { Store, initialState, parseFragment, type AppState } from './store.js';

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

render(<Page app={app} />, document.getElementById('app')!);

window.addEventListener('hashchange', () => {
  const f = parseFragment(location.hash);
  if (!f.token && !f.workspace) return;
  takeFragment();
  store.update((s) => ({ ...s, token: loadToken(), workspaceId: loadWorkspace() }));
  void app.connect();
});

void app.connect();
