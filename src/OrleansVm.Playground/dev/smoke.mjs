#!/usr/bin/env node
// Browser smoke test of the built page against dev/mock-silo.mjs, driving Debian's chromium
// through the DevTools protocol over a pipe (no npm browser download, no WebSocket library).
// Usage: npm run build && node dev/smoke.mjs   (CHROMIUM=/path/to/chromium to override)
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const port = 5000 + Math.floor(Math.random() * 900);
const base = `http://127.0.0.1:${port}`;
let chromium = process.env.CHROMIUM;
try {
  chromium ??= execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
} catch {
  console.log('smoke: skipped (no chromium; apt-get install chromium, or set CHROMIUM)');
  process.exit(0);
}
if (!fs.existsSync(path.join(here, '..', 'dist', 'index.html'))) {
  console.error('smoke: run npm run build first');
  process.exit(2);
}

const silo = spawn(process.execPath, [path.join(here, 'mock-silo.mjs'), '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((r) => silo.stdout.once('data', r));

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ovm-smoke-'));
const chrome = spawn(
  chromium,
  ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'],
  { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
);
const toChrome = chrome.stdio[3];
const fromChrome = chrome.stdio[4];
let nextId = 1;
const pending = new Map();
let buf = '';
fromChrome.on('data', (d) => {
  buf += d.toString('utf8');
  let i;
  while ((i = buf.indexOf('\0')) >= 0) {
    const msg = JSON.parse(buf.slice(0, i));
    buf = buf.slice(i + 1);
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      msg.error ? reject(new Error(JSON.stringify(msg.error))) : resolve(msg.result);
    } else if (msg.method === 'Runtime.exceptionThrown') {
      console.error('page exception:', msg.params.exceptionDetails.exception?.description ?? msg.params.exceptionDetails.text);
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  toChrome.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

async function openPage(url) {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  await send('Runtime.enable', {}, sessionId);
  await send('Page.enable', {}, sessionId);
  await send('Page.navigate', { url }, sessionId);
  const page = {
    eval: async (expr) => {
      const r = await send('Runtime.evaluate', { expression: expr, awaitPromise: true, returnByValue: true }, sessionId);
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value;
    },
    type: (text) => send('Input.insertText', { text }, sessionId),
    async waitFor(expr, what, ms = 5000) {
      const start = Date.now();
      for (;;) {
        const v = await page.eval(expr).catch(() => undefined);
        if (v) return v;
        if (Date.now() - start > ms) throw new Error(`timed out: ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    q: (sel) => `document.querySelector(${JSON.stringify(sel)})`,
    async click(sel) {
      await page.waitFor(`!!${page.q(sel)}`, `element ${sel}`);
      await page.eval(`${page.q(sel)}.click()`);
    },
    text: (sel) => page.eval(`(${page.q(sel)}?.textContent ?? '')`),
    screenshot: async (file) => {
      const { data } = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true }, sessionId);
      fs.writeFileSync(file, Buffer.from(data, 'base64'));
    },
    setViewport: (width, height) => send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false }, sessionId),
  };
  return page;
}

let failures = 0;
async function step(name, fn) {
  try {
    await fn();
    console.log(`ok - ${name}`);
  } catch (e) {
    failures++;
    console.log(`not ok - ${name}: ${e.message}`);
  }
}
const assert = (cond, msg) => { if (!cond) throw new Error(msg); };

try {
  const a = await openPage(`${base}/#token=op`);
  await a.setViewport(1400, 1000);
  const b = await openPage(`${base}/#token=op`);
  await step('token from the fragment, removed from the URL; operator role; stream live', async () => {
    await a.waitFor(`document.querySelector('[data-testid=role]')?.textContent === 'operator'`, 'operator role');
    await a.waitFor(`document.querySelector('[data-testid=connection-status]')?.dataset.state === 'live'`, 'live stream');
    assert(!(await a.eval('location.hash')), 'hash removed');
    assert((await a.eval(`localStorage.getItem('orleansvm.token')`)) === 'op', 'token stored');
  });
  await step('catalog lists presets; load two counters side by side; load count 2', async () => {
    await a.click('[data-testid=load-counter]');
    await a.click('[data-testid=load-counter]');
    await a.waitFor(`document.querySelectorAll('article[data-package=counter]').length === 2`, 'two counter cards');
    await a.waitFor(`document.querySelector('[data-testid=loadcount-counter]').textContent === '2'`, 'count 2');
    await a.waitFor(`[...document.querySelectorAll('article[data-package=counter]')].every(c => c.textContent.includes('Counter: 0'))`, 'rendered');
  });
  await step('increment one counter: its text and every shared total update; other tab sees it', async () => {
    await a.eval(`[...document.querySelector('article[data-package=counter]').querySelectorAll('button')].find(b => b.textContent === 'Increment').click()`);
    await a.waitFor(`document.querySelector('article[data-package=counter]').textContent.includes('Counter: 1')`, 'Counter: 1');
    await a.waitFor(`[...document.querySelectorAll('article[data-package=counter]')].every(c => c.textContent.includes('Shared total: 1'))`, 'shared total in both cards');
    await b.waitFor(`[...document.querySelectorAll('article[data-package=counter]')].length === 2 && [...document.querySelectorAll('article[data-package=counter]')].every(c => c.textContent.includes('Shared total: 1'))`, 'second tab updated');
  });
  await step('greeter: typing keeps focus and caret; greeter-shared-state follows', async () => {
    await a.click('[data-testid=load-greeter]');
    await a.click('[data-testid=load-greeter-shared-state]');
    await a.waitFor(`document.querySelector('article[data-package=greeter] input')`, 'greeter input');
    await a.waitFor(`document.querySelector('article[data-package=greeter-shared-state]')?.textContent.includes('(empty)')`, 'empty greeting');
    await a.eval(`document.querySelector('article[data-package=greeter] input').focus()`);
    for (const ch of 'Ada Lovelace') {
      await a.type(ch);
      await new Promise((r) => setTimeout(r, 15));
    }
    await a.waitFor(`document.querySelector('article[data-package=greeter-shared-state]').textContent.includes('Hello, Ada Lovelace!')`, 'shared greeting');
    assert(await a.eval(`document.activeElement === document.querySelector('article[data-package=greeter] input')`), 'focus kept');
    assert((await a.eval(`document.querySelector('article[data-package=greeter] input').value`)) === 'Ada Lovelace', 'value kept');
    assert((await a.eval(`document.querySelector('article[data-package=greeter] input').selectionStart`)) === 12, 'caret at the end');
    await a.waitFor(`document.querySelector('article[data-package=greeter]').textContent.includes('Hello, Ada Lovelace!')`, 'greeter text');
  });
  await step('runaway plugin: render error in place, other widgets and cards fine; event failure on the card', async () => {
    await a.click('[data-testid=load-runaway]');
    await a.waitFor(`document.querySelector('article[data-package=runaway] [data-testid=render-error]')?.textContent.startsWith('Render error: ')`, 'render error');
    await a.waitFor(`document.querySelector('article[data-package=runaway]').textContent.includes('This widget is fine.')`, 'other widget ok');
    await a.eval(`[...document.querySelectorAll('article[data-package=runaway] button')].find(b => b.textContent === 'Throw').click()`);
    await a.waitFor(`document.querySelector('article[data-package=runaway] [data-testid=event-error]')?.textContent.startsWith('Event failed: Error: boom')`, 'event error');
  });
  await step('timeline newest first with outcomes; domains show raw state', async () => {
    await a.waitFor(`document.querySelectorAll('[data-testid=timeline-entry]').length >= 3`, 'timeline entries');
    await a.waitFor(`document.querySelector('[data-testid=domainstate-greeter-profile]')?.textContent.includes('Ada Lovelace')`, 'domain state');
  });
  await step('custom plugin: publish, load, no grant → denied (red tag); grant write → applied', async () => {
    await a.click('[data-testid=publish-button]');
    await a.waitFor(`document.querySelector('[data-testid=editor-status]')?.dataset.kind === 'ok'`, 'published');
    await a.click('[data-testid=editor-load-button]');
    await a.waitFor(`document.querySelector('article[data-package=my-plugin]')?.textContent.includes('Clicks: 0')`, 'custom loaded');
    await a.eval(`[...document.querySelectorAll('article[data-package=my-plugin] button')].find(b => b.textContent === 'Write shared counter').click()`);
    await a.waitFor(`document.querySelector('[data-testid=timeline-entry][data-outcome=denied] .tag-denied')?.textContent === 'denied'`, 'denied entry');
    await a.waitFor(`document.querySelector('article[data-package=my-plugin] [data-testid=dispatch-notice]')?.textContent.includes('missing-write-grant:counter-summary')`, 'notice on card');
    await a.click('[data-testid=grant-my-plugin-writeShared-counter-summary]');
    await a.click('[data-testid=grant-my-plugin-readShared-counter-summary]');
    await a.click('[data-testid=grantsave-my-plugin]');
    await a.waitFor(`document.querySelector('[data-testid=grantcurrent-my-plugin]')?.textContent.includes('write: counter-summary')`, 'grant saved');
    await a.eval(`[...document.querySelectorAll('article[data-package=my-plugin] button')].find(b => b.textContent === 'Write shared counter').click()`);
    await a.waitFor(`document.querySelector('[data-testid=timeline-entry]')?.dataset.outcome === 'applied'`, 'applied entry');
  });
  await step('remove a counter: card gone, count 1, other tab too', async () => {
    const id = await a.eval(`document.querySelector('article[data-package=counter]').dataset.instance`);
    await a.click(`[data-testid="remove-${id}"]`);
    await a.waitFor(`!document.querySelector('[data-instance="${id}"]') && document.querySelector('[data-testid=loadcount-counter]').textContent === '1'`, 'removed');
    await b.waitFor(`!document.querySelector('[data-instance="${id}"]')`, 'removed in tab b');
  });
  await step('client token: operator panels explain, instances work', async () => {
    const c = await openPage(`${base}/#token=cl&workspace=demo`);
    await c.waitFor(`document.querySelector('[data-testid=role]')?.textContent === 'client'`, 'client role');
    await c.waitFor(`document.querySelector('[data-testid=grants-needs-operator]')`, 'grants note');
    await c.waitFor(`document.querySelectorAll('[data-testid^=instance-][data-package]').length >= 4`, 'instances listed');
  });
  if (process.env.SCREENSHOT) {
    await a.screenshot(process.env.SCREENSHOT);
    await a.setViewport(390, 844);
    await new Promise((r) => setTimeout(r, 300));
    await a.screenshot(process.env.SCREENSHOT.replace(/\.png$/, '') + '-narrow.png');
  }
} finally {
  const exited = new Promise((r) => chrome.once('exit', r));
  await Promise.race([send('Browser.close').catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
  chrome.kill();
  silo.kill();
  await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
  try {
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch {
    /* a late chromium helper still writing: the temp dir stays */
  }
}
console.log(failures === 0 ? 'smoke: all passed' : `smoke: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
