/**
 * A tiny virtual DOM: `h()` builds plain objects (testable without a DOM), `patch()` applies
 * them to real elements, reusing what it can. Two rules make live re-rendering pleasant:
 * - a focused <input>/<textarea> never gets its value overwritten (typing keeps focus and caret);
 * - children with a `key` are matched by key, so a removed card does not shift the others.
 */

export type AttrValue = string | number | boolean | null | undefined;
export type Handler = (ev: Event) => void;

export interface VElement {
  tag: string;
  key?: string | undefined;
  attrs: Record<string, AttrValue>;
  /** DOM properties set directly (`value`, `checked`). */
  props: Record<string, string | boolean>;
  on: Record<string, Handler>;
  children: VNode[];
}

export type VNode = VElement | string;

export interface HProps {
  key?: string | undefined;
  on?: Record<string, Handler>;
  value?: string;
  checked?: boolean;
  [attr: string]: AttrValue | Record<string, Handler> | undefined;
}

type Child = VNode | null | undefined | false | Child[];

/** Builds an element description. `attrs` may hold `key`, `on`, `value`, `checked` and any attribute. */
export function h(tag: string, attrs?: HProps | null, ...children: Child[]): VElement {
  const el: VElement = { tag, attrs: {}, props: {}, on: {}, children: [] };
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'key') el.key = v as string | undefined;
      else if (k === 'on') el.on = { ...(v as Record<string, Handler>) };
      else if (k === 'value' || k === 'checked') {
        if (v !== undefined) el.props[k] = v as string | boolean;
      } else if (v !== undefined && v !== null && v !== false) el.attrs[k] = v as AttrValue;
    }
  }
  el.children = flatten(children);
  return el;
}

function flatten(children: Child[], out: VNode[] = []): VNode[] {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) flatten(c, out);
    else out.push(c);
  }
  return out;
}

/** The concatenated text of a description (for tests and accessible names). */
export function textOf(node: VNode): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}

/** Depth-first search of a description. */
export function findAll(node: VNode, pred: (el: VElement) => boolean, out: VElement[] = []): VElement[] {
  if (typeof node !== 'string') {
    if (pred(node)) out.push(node);
    for (const c of node.children) findAll(c, pred, out);
  }
  return out;
}

// ------------------------------------------------------------------ DOM side

interface Tracked extends Element {
  __attrs?: Record<string, AttrValue>;
  __on?: Record<string, Handler>;
  __key?: string | undefined;
}

/** Makes `parent`'s children match `vnodes`. */
export function patch(parent: Element, vnodes: VNode[]): void {
  const doc = parent.ownerDocument;
  for (let i = 0; i < vnodes.length; i++) {
    const v = vnodes[i]!;
    let existing = parent.childNodes[i] as ChildNode | undefined;
    if (typeof v === 'string') {
      if (existing && existing.nodeType === 3) {
        if ((existing as Text).data !== v) (existing as Text).data = v;
      } else {
        const t = doc.createTextNode(v);
        if (existing) parent.insertBefore(t, existing);
        else parent.appendChild(t);
      }
      continue;
    }
    if (v.key !== undefined) {
      // find the keyed element among the remaining siblings and move it here
      let found: Tracked | undefined;
      for (let j = i; j < parent.childNodes.length; j++) {
        const c = parent.childNodes[j] as Tracked;
        if (c.nodeType === 1 && c.__key === v.key && c.tagName.toLowerCase() === v.tag) {
          found = c;
          break;
        }
      }
      if (found && found !== existing) {
        parent.insertBefore(found, existing ?? null);
        existing = found;
      }
    }
    const reusable =
      existing &&
      existing.nodeType === 1 &&
      (existing as Element).tagName.toLowerCase() === v.tag &&
      (existing as Tracked).__key === v.key;
    if (reusable) {
      update(existing as Tracked, v);
    } else {
      const el = create(doc, v);
      if (existing) parent.insertBefore(el, existing);
      else parent.appendChild(el);
    }
  }
  while (parent.childNodes.length > vnodes.length) parent.removeChild(parent.lastChild!);
}

function create(doc: Document, v: VElement): Element {
  const el = doc.createElement(v.tag) as Tracked;
  el.__key = v.key;
  update(el, v);
  return el;
}

function update(el: Tracked, v: VElement): void {
  const prev = el.__attrs ?? {};
  for (const name of Object.keys(prev)) if (!(name in v.attrs)) el.removeAttribute(name);
  for (const [name, value] of Object.entries(v.attrs)) {
    if (prev[name] === value) continue;
    if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  el.__attrs = v.attrs;

  // one listener per event type, dispatching to the latest handler
  const prevOn = el.__on ?? {};
  for (const type of Object.keys(v.on)) {
    if (!(type in prevOn)) {
      el.addEventListener(type, (ev) => {
        const h = (el as Tracked).__on?.[type];
        if (h) h(ev);
      });
    }
  }
  el.__on = { ...prevOn, ...v.on };
  for (const type of Object.keys(prevOn)) if (!(type in v.on)) delete el.__on[type];

  const focused = el.ownerDocument.activeElement === el;
  if ('value' in v.props) {
    const input = el as unknown as HTMLInputElement;
    if (!focused && input.value !== v.props['value']) input.value = String(v.props['value']);
  }
  if ('checked' in v.props) {
    const input = el as unknown as HTMLInputElement;
    if (input.checked !== v.props['checked']) input.checked = Boolean(v.props['checked']);
  }
  // A <textarea>'s text children would fight with its value: it uses `value` only.
  if (v.tag !== 'textarea') patch(el, v.children);
}
