/**
 * Components in a DOM (happy-dom): a plugin's UI tree as elements, widget errors, the focus rule of
 * plugin inputs, and the page's panels showing a given state with the ids the browser tests use.
 */
import type { UiNode } from '@orleansvm/client';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, expect, test, vi } from 'vitest';
import { App } from '../src/app.js';
import { KeepFocusInput } from '../src/KeepFocusInput.js';
import { Page } from '../src/Page.js';
import { PluginNode, WidgetBody } from '../src/PluginUi.js';
import { defaultEditor } from '../src/settings.js';
import { Store, initialState, upsertInstance, widgetFailed, widgetRendered, type AppState } from '../src/store.js';
import { operatorSilo } from './fakeSilo.js';

afterEach(cleanup);

const counterTree: UiNode = {
  kind: 'panel',
  children: [
    { kind: 'text', text: 'Counter: 3' },
    { kind: 'row', children: [{ kind: 'badge', text: 'Shared total: 5' }, { kind: 'badge', text: 'Instances: 2' }] },
    {
      kind: 'row',
      children: [
        { kind: 'button', props: { label: 'Decrement', onClick: { handler: 'decrement' } } },
        { kind: 'button', props: { label: 'Reset', variant: 'destructive', onClick: { handler: 'reset' } } },
        { kind: 'button', props: { label: 'Increment', onClick: { handler: 'increment', args: { by: 1 } } } },
        { kind: 'button', props: { label: 'Off', disabled: true } },
      ],
    },
  ],
};

test('layout nodes nest with their kind and path; text and badges show their text', () => {
  const { container } = render(<PluginNode node={counterTree} onEvent={() => undefined} />);
  const root = container.firstElementChild as HTMLElement;
  expect(root.className).toBe('ui-panel');
  expect(root.dataset['path']).toBe('root');
  const rows = container.querySelectorAll('[data-kind="row"]');
  expect([...rows].map((r) => (r as HTMLElement).dataset['path'])).toEqual(['root.children[1]', 'root.children[2]']);
  expect(container.querySelector('[data-kind="text"]')!.textContent).toBe('Counter: 3');
  expect([...container.querySelectorAll('.ui-badge')].map((b) => b.textContent)).toEqual(['Shared total: 5', 'Instances: 2']);
});

test('buttons: named by label, variant and disabled, a click sends the handler and its args', () => {
  const sent: unknown[] = [];
  render(<PluginNode node={counterTree} onEvent={(e) => sent.push(e)} />);
  const reset = screen.getByRole('button', { name: 'Reset' });
  expect(reset.dataset['variant']).toBe('destructive');
  expect(reset.className).toContain('variant-destructive');
  expect((screen.getByRole('button', { name: 'Off' }) as HTMLButtonElement).disabled).toBe(true);
  fireEvent.click(screen.getByRole('button', { name: 'Decrement' }));
  fireEvent.click(screen.getByRole('button', { name: 'Increment' }));
  fireEvent.click(screen.getByRole('button', { name: 'Off' }));
  expect(sent).toEqual([{ handler: 'decrement' }, { handler: 'increment', args: { by: 1 } }]);
});

test('input: named by its placeholder, typing sends {value} merged into the args', () => {
  const sent: unknown[] = [];
  render(
    <PluginNode
      node={{ kind: 'input', props: { value: 'Ada', placeholder: 'Your name', onChange: { handler: 'setName', args: { field: 'n' } } } }}
      onEvent={(e) => sent.push(e)}
    />,
  );
  const input = screen.getByRole('textbox', { name: 'Your name' }) as HTMLInputElement;
  expect(input.value).toBe('Ada');
  fireEvent.input(input, { target: { value: 'Ada L' } });
  expect(sent).toEqual([{ handler: 'setName', args: { field: 'n', value: 'Ada L' } }]);
});

test('counter and table: − value +, headers and stringified cells, unknown kinds say so', () => {
  const sent: unknown[] = [];
  const tree: UiNode = {
    kind: 'column',
    children: [
      { kind: 'counter', props: { value: 7, onIncrement: { handler: 'inc' } } },
      { kind: 'table', props: { headers: ['Metric', 'Value'], rows: [['Plugins', 3], ['Last', null], ['Obj', { a: 1 }]] } },
      { kind: 'chart' } as unknown as UiNode,
    ],
  };
  const { container } = render(<PluginNode node={tree} onEvent={(e) => sent.push(e)} />);
  expect(screen.getByTestId('counter-value').textContent).toBe('7');
  expect((screen.getByRole('button', { name: 'Decrement' }) as HTMLButtonElement).disabled).toBe(true);
  fireEvent.click(screen.getByRole('button', { name: 'Increment' }));
  expect(sent).toEqual([{ handler: 'inc' }]);
  expect([...container.querySelectorAll('th')].map((x) => x.textContent)).toEqual(['Metric', 'Value']);
  expect([...container.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
    ['Plugins', '3'],
    ['Last', ''],
    ['Obj', '{"a":1}'],
  ]);
  expect(container.querySelector('.ui-unknown')!.textContent).toBe('Unsupported node kind: chart');
});

test('a widget shows its render error with the code, or a placeholder before its first render', () => {
  const { rerender } = render(<WidgetBody widget={{ error: { code: 'RUNTIME_TIMEOUT', message: 'render took too long' } }} onEvent={() => undefined} />);
  const err = screen.getByTestId('render-error');
  expect(err.textContent).toBe('Render error: render took too long');
  expect(err.dataset['code']).toBe('RUNTIME_TIMEOUT');
  rerender(<WidgetBody widget={{}} onEvent={() => undefined} />);
  expect(screen.getByTestId('widget-loading')).toBeTruthy();
});

test('a focused plugin input keeps what the user typed; an unfocused one follows the state', () => {
  const { rerender } = render(<KeepFocusInput data-testid="name" value="Ad" />);
  const input = screen.getByTestId('name') as HTMLInputElement;
  expect(input.value).toBe('Ad');
  input.focus();
  input.value = 'Ada'; // the user typed; a late render still carries the older value
  rerender(<KeepFocusInput data-testid="name" value="A" />);
  expect(input.value).toBe('Ada');
  expect(document.activeElement).toBe(input);
  input.blur();
  rerender(<KeepFocusInput data-testid="name" value="Grace" />);
  expect(input.value).toBe('Grace');
});

function pageWith(fill: (s: AppState) => AppState): { app: App; silo: ReturnType<typeof operatorSilo> } {
  const silo = operatorSilo();
  const app = new App(new Store<AppState>(fill(initialState('op-token', 'demo', defaultEditor()))), 'http://silo.test', silo.fetch);
  render(<Page app={app} />);
  return { app, silo };
}

const info = (id: string, widgets: string[]) => ({
  instanceId: id, packageId: id.split('@')[0]!, version: '1.0.0', title: 'Counter', widgets, status: 'active',
  grants: { readShared: [], writeShared: [], modules: [] },
});

test('the page shows cards with widgets, errors and denied dispatches under the ids the browser tests use', () => {
  pageWith((s) => {
    let x: AppState = { ...s, role: 'operator', connection: 'live', packages: [{ packageId: 'counter', title: 'Counter', latestVersion: '1.0.0' }] as AppState['packages'] };
    x = upsertInstance(x, info('counter@aaaaaaaa', ['counter', 'broken']));
    x = widgetRendered(x, 'counter@aaaaaaaa', 'counter', counterTree);
    x = widgetFailed(x, 'counter@aaaaaaaa', 'broken', { code: 'PLUGIN_ERROR', message: 'render threw' });
    x.instances['counter@aaaaaaaa']!.eventError = 'handler threw: boom';
    x.instances['counter@aaaaaaaa']!.notApplied = [
      { dispatchId: '2', scope: 'shared', actionType: 'set-instance', domain: 'counter-summary', outcome: 'denied', reason: 'missing-write-grant:counter-summary' },
    ] as NonNullable<AppState['instances'][string]['notApplied']>;
    return x;
  });
  expect(screen.getByTestId('role').textContent).toBe('operator');
  expect(screen.getByTestId('connection-status').dataset['state']).toBe('live');
  expect(screen.getByRole('link', { name: 'Dashboard' }).getAttribute('href')).toBe('/dashboard');
  expect(screen.getByTestId('loadcount-counter').dataset['count']).toBe('1');

  const card = screen.getByTestId('instance-counter@aaaaaaaa');
  expect(card.dataset['package']).toBe('counter');
  expect(document.querySelectorAll('[data-testid^="instance-"]')).toHaveLength(1);
  const widget = within(card).getByTestId('widget-counter@aaaaaaaa-counter');
  expect(within(widget).getByText('Counter: 3').dataset['kind']).toBe('text');
  expect(within(card).getByTestId('render-error').textContent).toBe('Render error: render threw');
  expect(within(card).getByTestId('event-error').textContent).toContain('Event failed: handler threw: boom');
  expect(within(card).getByTestId('dispatch-notice').textContent).toContain('missing-write-grant:counter-summary');
});

test('grants: the current grants as text, checkboxes from the draft, Save enabled only when changed', async () => {
  const { app } = pageWith((s) => ({
    ...s,
    role: 'operator',
    packages: [{ packageId: 'counter' }] as AppState['packages'],
    grants: { counter: { readShared: ['counter-summary'], writeShared: [], modules: ['kv'] } },
  }));
  expect(screen.getByTestId('grantcurrent-counter').textContent).toBe('read: counter-summary · write: — · modules: kv');
  const read = screen.getByTestId('grant-counter-readShared-counter-summary') as HTMLInputElement;
  const write = screen.getByTestId('grant-counter-writeShared-counter-summary') as HTMLInputElement;
  expect(read.checked).toBe(true);
  expect(write.checked).toBe(false);
  expect((screen.getByTestId('grant-counter-writeShared-runtime-metrics') as HTMLInputElement).disabled).toBe(true);
  const save = screen.getByTestId('grantsave-counter') as HTMLButtonElement;
  expect(save.disabled).toBe(true);

  fireEvent.click(write);
  expect(app.store.get().grantDrafts['counter']!.writeShared).toEqual(['counter-summary']);
  await vi.waitFor(() => expect(save.disabled).toBe(false));
  expect((screen.getByTestId('grant-counter-writeShared-counter-summary') as HTMLInputElement).checked).toBe(true);
});

test('a client token sees why operator panels are empty; the timeline tags a denial', () => {
  pageWith((s) => ({
    ...s,
    role: 'client',
    timeline: [
      { dispatchId: 'd1', timestamp: '2026-11-29T06:00:00Z', scope: 'shared', actionType: 'set-instance', instanceId: 'w@aaaaaaaa', domain: 'counter-summary', outcome: 'denied', reason: 'missing-write-grant:counter-summary' },
    ] as AppState['timeline'],
  }));
  expect(screen.getByTestId('grants-needs-operator')).toBeTruthy();
  expect(screen.getByTestId('domains-needs-operator')).toBeTruthy();
  expect((screen.getByTestId('publish-button') as HTMLButtonElement).disabled).toBe(true);
  const entry = screen.getByTestId('timeline-entry');
  expect(entry.dataset['outcome']).toBe('denied');
  expect(within(entry).getByTestId('outcome-denied').className).toContain('tag-denied');
  expect(within(entry).getByTestId('timeline-reason').textContent).toBe('missing-write-grant:counter-summary');
});

test('clicking Load in the catalog creates an instance through the controller and its card appears', async () => {
  const { silo } = pageWith((s) => ({ ...s, role: 'operator', packages: [{ packageId: 'counter' }] as AppState['packages'] }));
  silo
    .on('POST', '/workspaces/demo/instances', { status: 201, body: { instanceId: 'counter@aaaaaaaa', packageId: 'counter', version: '1.0.0', title: 'Counter', widgets: ['counter'] } })
    .on('GET', '/workspaces/demo/instances/*/widgets/counter', { body: { tree: counterTree } });
  fireEvent.click(screen.getByRole('button', { name: 'Load counter' }));
  const card = await screen.findByTestId('instance-counter@aaaaaaaa', {}, { timeout: 10_000 });
  await vi.waitFor(() => expect(within(card).getByText('Counter: 3')).toBeTruthy(), { timeout: 10_000 });
  expect(screen.getByTestId('instances-count').textContent).toBe('(1)');
  expect(screen.getByTestId('loadcount-counter').textContent).toBe('1');
});
