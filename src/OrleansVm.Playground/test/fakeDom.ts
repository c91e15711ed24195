/** Just enough of a DOM for vdom.patch (elements, text nodes, attributes, listeners, focus). */
export class FakeNode {
  parentNode: FakeElement | null = null;
  constructor(readonly nodeType: number, readonly ownerDocument: FakeDocument) {}
}

export class FakeText extends FakeNode {
  constructor(public data: string, doc: FakeDocument) {
    super(3, doc);
  }
}

export class FakeElement extends FakeNode {
  readonly tagName: string;
  childNodes: FakeNode[] = [];
  attributes = new Map<string, string>();
  listeners = new Map<string, Array<(ev: unknown) => void>>();
  value = '';
  checked = false;
  valueWrites = 0;
  constructor(tag: string, doc: FakeDocument) {
    super(1, doc);
    this.tagName = tag.toUpperCase();
    let v = '';
    Object.defineProperty(this, 'value', {
      get: () => v,
      set: (x: string) => {
        v = x;
        this.valueWrites++;
      },
    });
  }
  get lastChild(): FakeNode | null {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }
  setAttribute(n: string, v: string): void {
    this.attributes.set(n, v);
  }
  removeAttribute(n: string): void {
    this.attributes.delete(n);
  }
  getAttribute(n: string): string | null {
    return this.attributes.get(n) ?? null;
  }
  addEventListener(type: string, fn: (ev: unknown) => void): void {
    const l = this.listeners.get(type) ?? [];
    l.push(fn);
    this.listeners.set(type, l);
  }
  dispatch(type: string): void {
    for (const fn of this.listeners.get(type) ?? []) fn({ type, target: this });
  }
  private detach(n: FakeNode): void {
    if (n.parentNode) {
      const p = n.parentNode;
      p.childNodes.splice(p.childNodes.indexOf(n), 1);
      n.parentNode = null;
    }
  }
  appendChild(n: FakeNode): FakeNode {
    this.detach(n);
    this.childNodes.push(n);
    n.parentNode = this;
    return n;
  }
  insertBefore(n: FakeNode, ref: FakeNode | null): FakeNode {
    if (ref === null) return this.appendChild(n);
    this.detach(n);
    this.childNodes.splice(this.childNodes.indexOf(ref), 0, n);
    n.parentNode = this;
    return n;
  }
  removeChild(n: FakeNode): FakeNode {
    this.detach(n);
    return n;
  }
  get textContent(): string {
    return this.childNodes.map((c) => (c instanceof FakeText ? c.data : (c as FakeElement).textContent)).join('');
  }
}

export class FakeDocument {
  activeElement: FakeElement | null = null;
  createElement(tag: string): FakeElement {
    return new FakeElement(tag, this);
  }
  createTextNode(data: string): FakeText {
    return new FakeText(data, this);
  }
}
