/**
 * Turns a plugin's UI tree (plugin-contract.md, "UI schema") into a virtual DOM description.
 * Pure: no DOM access, so it is unit-tested under node. Events go through `onEvent`.
 */
import type { EventRef, UiNode } from '@orleansvm/client';
import { h, type VElement, type VNode } from './vdom.js';

export interface UiContext {
  /** Called with the handler and args to send (`POST .../widgets/{widgetId}/events`). */
  onEvent: (event: { handler: string; args?: unknown }) => void;
  /** True while an event of this instance is in flight (buttons stay usable; only a hint). */
  busy?: boolean;
}

export function renderUiTree(node: UiNode, ctx: UiContext, path = 'root'): VElement {
  const n = node as UiNode;
  const common = { 'data-kind': n.kind, 'data-path': path };
  switch (n.kind) {
    case 'panel':
    case 'row':
    case 'column': {
      const children = Array.isArray(n.children) ? n.children : [];
      return h(
        'div',
        { ...common, class: `ui-${n.kind}` },
        children.map((c, i) => renderUiTree(c, ctx, `${path}.children[${i}]`)),
      );
    }
    case 'text':
      return h('p', { ...common, class: 'ui-text' }, String(n.text ?? ''));
    case 'badge':
      return h('span', { ...common, class: 'ui-badge' }, String(n.text ?? ''));
    case 'button': {
      const p = n.props ?? { label: '' };
      const variant = typeof p.variant === 'string' && p.variant ? p.variant : 'default';
      const ref = p.onClick;
      return h(
        'button',
        {
          ...common,
          type: 'button',
          class: `ui-button variant-${cssIdent(variant)}`,
          'data-variant': variant,
          disabled: p.disabled === true,
          on: ref ? { click: () => send(ctx, ref) } : {},
        },
        String(p.label ?? ''),
      );
    }
    case 'input': {
      const p = n.props ?? { value: '' };
      const ref = p.onChange;
      const label = typeof p.placeholder === 'string' && p.placeholder ? p.placeholder : 'Input';
      return h('input', {
        ...common,
        class: 'ui-input',
        type: 'text',
        placeholder: p.placeholder,
        'aria-label': label,
        value: String(p.value ?? ''),
        on: ref
          ? {
              input: (ev: Event) => {
                const value = (ev.target as HTMLInputElement).value;
                send(ctx, ref, { value });
              },
            }
          : {},
      });
    }
    case 'counter': {
      const p = n.props ?? { value: 0 };
      const dec = p.onDecrement;
      const inc = p.onIncrement;
      return h(
        'div',
        { ...common, class: 'ui-counter', role: 'group', 'aria-label': 'Counter' },
        h(
          'button',
          {
            type: 'button',
            class: 'ui-button ui-counter-dec',
            'aria-label': 'Decrement',
            'data-testid': 'counter-decrement',
            disabled: !dec,
            on: dec ? { click: () => send(ctx, dec) } : {},
          },
          '−',
        ),
        h('span', { class: 'ui-counter-value', 'data-testid': 'counter-value' }, String(p.value)),
        h(
          'button',
          {
            type: 'button',
            class: 'ui-button ui-counter-inc',
            'aria-label': 'Increment',
            'data-testid': 'counter-increment',
            disabled: !inc,
            on: inc ? { click: () => send(ctx, inc) } : {},
          },
          '+',
        ),
      );
    }
    case 'table': {
      const p = n.props ?? { headers: [], rows: [] };
      const headers = Array.isArray(p.headers) ? p.headers : [];
      const rows = Array.isArray(p.rows) ? p.rows : [];
      return h(
        'div',
        { ...common, class: 'ui-table-wrap' },
        h(
          'table',
          { class: 'ui-table' },
          headers.length > 0 ? h('thead', null, h('tr', null, headers.map((x) => h('th', { scope: 'col' }, String(x))))) : null,
          h(
            'tbody',
            null,
            rows.map((row) => h('tr', null, (Array.isArray(row) ? row : [row]).map((cell) => h('td', null, cellText(cell))))),
          ),
        ),
      );
    }
    default:
      return h('span', { ...common, class: 'ui-unknown' }, `Unsupported node kind: ${String((n as { kind?: unknown }).kind)}`);
  }
}

function send(ctx: UiContext, ref: EventRef, extra?: { value: string }): void {
  if (!ref || typeof ref.handler !== 'string' || ref.handler === '') return;
  if (extra) {
    const base = ref.args && typeof ref.args === 'object' && !Array.isArray(ref.args) ? (ref.args as object) : {};
    ctx.onEvent({ handler: ref.handler, args: { ...base, ...extra } });
  } else if (ref.args !== undefined) ctx.onEvent({ handler: ref.handler, args: ref.args });
  else ctx.onEvent({ handler: ref.handler });
}

export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object') return JSON.stringify(cell);
  return String(cell);
}

function cssIdent(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]/g, '-');
}

/** What a widget slot shows: the tree, a render error, or a placeholder while loading. */
export function renderWidgetBody(
  widget: { tree?: UiNode | undefined; error?: { code: string; message: string } | undefined },
  ctx: UiContext,
): VNode {
  if (widget.error) {
    return h(
      'div',
      { class: 'render-error', role: 'alert', 'data-testid': 'render-error', 'data-code': widget.error.code },
      `Render error: ${widget.error.message}`,
    );
  }
  if (widget.tree) return renderUiTree(widget.tree, ctx);
  return h('div', { class: 'widget-loading', 'data-testid': 'widget-loading' }, 'Rendering…');
}
