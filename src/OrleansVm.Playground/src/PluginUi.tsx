/**
 * A plugin's UI tree (plugin-contract.md, "UI schema") as Preact elements. Every node carries
 * `data-kind` and `data-path`; events go out through `onEvent`.
 */
import type { EventRef, UiNode } from '@orleansvm/client';
import type { JSX } from 'preact';
import { KeepFocusInput } from './KeepFocusInput.js';

export type SendEvent = (event: { handler: string; args?: unknown }) => void;

export function PluginNode({ node, onEvent, path = 'root' }: { node: UiNode; onEvent: SendEvent; path?: string }): JSX.Element {
  const n = node;
  const common = { 'data-kind': n.kind, 'data-path': path };
  switch (n.kind) {
    case 'panel':
    case 'row':
    case 'column': {
      const children = Array.isArray(n.children) ? n.children : [];
      return (
        <div {...common} class={`ui-${n.kind}`}>
          {children.map((c, i) => (
            <PluginNode key={i} node={c} onEvent={onEvent} path={`${path}.children[${i}]`} />
          ))}
        </div>
      );
    }
    case 'text':
      return <p {...common} class="ui-text">{String(n.text ?? '')}</p>;
    case 'badge':
      return <span {...common} class="ui-badge">{String(n.text ?? '')}</span>;
    case 'button': {
      const p = n.props ?? { label: '' };
      const variant = typeof p.variant === 'string' && p.variant ? p.variant : 'default';
      const ref = p.onClick;
      return (
        <button
          {...common}
          type="button"
          class={`ui-button variant-${cssIdent(variant)}`}
          data-variant={variant}
          disabled={p.disabled === true}
          onClick={ref ? () => send(onEvent, ref) : undefined}
        >
          {String(p.label ?? '')}
        </button>
      );
    }
    case 'input': {
      const p = n.props ?? { value: '' };
      const ref = p.onChange;
      const label = typeof p.placeholder === 'string' && p.placeholder ? p.placeholder : 'Input';
      return (
        <KeepFocusInput
          {...common}
          class="ui-input"
          placeholder={p.placeholder}
          aria-label={label}
          value={String(p.value ?? '')}
          onInput={ref ? (ev) => send(onEvent, ref, { value: ev.currentTarget.value }) : undefined}
        />
      );
    }
    case 'counter': {
      const p = n.props ?? { value: 0 };
      const dec = p.onDecrement;
      const inc = p.onIncrement;
      return (
        <div {...common} class="ui-counter" role="group" aria-label="Counter">
          <button
            type="button"
            class="ui-button ui-counter-dec"
            aria-label="Decrement"
            data-testid="counter-decrement"
            disabled={!dec}
            onClick={dec ? () => send(onEvent, dec) : undefined}
          >
            −
          </button>
          <span class="ui-counter-value" data-testid="counter-value">{String(p.value)}</span>
          <button
            type="button"
            class="ui-button ui-counter-inc"
            aria-label="Increment"
            data-testid="counter-increment"
            disabled={!inc}
            onClick={inc ? () => send(onEvent, inc) : undefined}
          >
            +
          </button>
        </div>
      );
    }
    case 'table': {
      const p = n.props ?? { headers: [], rows: [] };
      const headers = Array.isArray(p.headers) ? p.headers : [];
      const rows = Array.isArray(p.rows) ? p.rows : [];
      return (
        <div {...common} class="ui-table-wrap">
          <table class="ui-table">
            {headers.length > 0 ? (
              <thead>
                <tr>
                  {headers.map((x, i) => <th key={i} scope="col">{String(x)}</th>)}
                </tr>
              </thead>
            ) : null}
            <tbody>
              {rows.map((row, r) => (
                <tr key={r}>
                  {(Array.isArray(row) ? row : [row]).map((cell, c) => <td key={c}>{cellText(cell)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    default:
      return <span {...common} class="ui-unknown">{`Unsupported node kind: ${String((n as { kind?: unknown }).kind)}`}</span>;
  }
}

function send(onEvent: SendEvent, ref: EventRef, extra?: { value: string }): void {
  if (!ref || typeof ref.handler !== 'string' || ref.handler === '') return;
  if (extra) {
    const base = ref.args && typeof ref.args === 'object' && !Array.isArray(ref.args) ? (ref.args as object) : {};
    onEvent({ handler: ref.handler, args: { ...base, ...extra } });
  } else if (ref.args !== undefined) onEvent({ handler: ref.handler, args: ref.args });
  else onEvent({ handler: ref.handler });
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
export function WidgetBody({
  widget,
  onEvent,
}: {
  widget: { tree?: UiNode | undefined; error?: { code: string; message: string } | undefined };
  onEvent: SendEvent;
}): JSX.Element {
  if (widget.error) {
    return (
      <div class="render-error" role="alert" data-testid="render-error" data-code={widget.error.code}>
        {`Render error: ${widget.error.message}`}
      </div>
    );
  }
  if (widget.tree) return <PluginNode node={widget.tree} onEvent={onEvent} />;
  return <div class="widget-loading" data-testid="widget-loading">Rendering…</div>;
}
