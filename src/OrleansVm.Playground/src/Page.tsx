/** The whole page: header, then catalog | instances | timeline + domains, then editor and grants. */
import type { JSX } from 'preact';
import type { App } from './app.js';
import { Catalog } from './panels/Catalog.js';
import { Domains } from './panels/Domains.js';
import { Editor } from './panels/Editor.js';
import { Grants } from './panels/Grants.js';
import { Header } from './panels/Header.js';
import { Instances } from './panels/Instances.js';
import { Timeline } from './panels/Timeline.js';
import { useStore } from './useStore.js';

export function Page({ app }: { app: App }): JSX.Element {
  const s = useStore(app.store);
  return (
    <>
      <Header app={app} s={s} />
      <div class="layout">
        <aside class="col-catalog"><Catalog app={app} s={s} /></aside>
        <main class="col-instances"><Instances app={app} s={s} /></main>
        <div class="col-side">
          <Timeline app={app} s={s} />
          <Domains app={app} s={s} />
        </div>
      </div>
      <div class="tools">
        <Editor app={app} s={s} />
        <Grants app={app} s={s} />
      </div>
    </>
  );
}
