/**
 * A tiny DOM builder. Text always goes in as text nodes (never innerHTML), so names and questions
 * from the election cannot inject markup, and no inline style or script is produced, so the booth
 * runs under a strict Content-Security-Policy.
 */

export type Child = Node | string | false | null | undefined;

type AttributeValue = string | number | boolean | undefined;
type Handlers = { [E in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[E]) => void };

/** HTML attributes (true → present, false/undefined → absent) and, under `on`, event listeners. */
export interface Props {
  on?: Handlers;
  [attribute: string]: AttributeValue | Handlers;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  const { on, ...attributes } = props;
  for (const [name, value] of Object.entries(attributes) as [string, AttributeValue][]) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [event, handler] of Object.entries(on ?? {})) {
    element.addEventListener(event, handler as EventListener);
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Headings take focus programmatically (tabindex −1) so each step is announced when it appears. */
export function focusElement(element: HTMLElement | null): void {
  element?.focus({ preventScroll: false });
}
