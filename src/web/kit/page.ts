/**
 * The skeleton every page controller follows: its state is the truth; `render` draws the view from
 * the state (a screen of text nodes, `dom.ts`), then moves the focus (`moveFocus`) and re-reads the
 * alert and status (`Announcer`), so that a language switch redraws everything in the new language.
 * Texts are kept as `Text`: the server's message as it came, or a function of the page's catalogue.
 */
import { focusElement } from './dom.js';
import type { Failure } from './http.js';

/** A message in the page's current language, or a text the server already translated. */
export type Text<M> = string | ((m: M) => string);

export function resolveText<M>(text: Text<M>, m: M): string {
  return typeof text === 'string' ? text : text(m);
}

/** Where the focus goes after a redraw: the screen's heading, an element by id, or nowhere. */
export type Focus = 'heading' | 'none' | { id: string };

/** Headings take focus programmatically (tabindex −1), so each new screen is announced. */
export function moveFocus(focus: Focus, headingId: string): void {
  if (focus === 'none') return;
  focusElement(document.getElementById(focus === 'heading' ? headingId : focus.id));
}

/** The words a page shows for a failure: the server's message, or its own for the other kinds. */
export function failureText<M extends { network: string; unexpected: string }>(failure: Failure): Text<M> {
  switch (failure.kind) {
    case 'http':
      return failure.message;
    case 'network':
      return (m) => m.network;
    case 'bad-response':
      return (m) => m.unexpected;
  }
}

/**
 * The page's alert (role="alert") and polite status (role="status") regions, holding their texts so
 * that they follow a language switch (`refresh`, after each render).
 */
export class Announcer<M> {
  private error: Text<M> | undefined;
  private status: Text<M> | undefined;

  constructor(
    private readonly regions: { readonly alert: HTMLElement; readonly status?: HTMLElement },
    private readonly messages: () => M,
  ) {}

  /** `shownInline`: the message is already displayed next to its field, so the alert is for screen readers only. */
  showError(text: Text<M> | undefined, options: { shownInline?: boolean } = {}): void {
    const { alert } = this.regions;
    this.error = text;
    alert.textContent = '';
    alert.classList.toggle('visually-hidden', options.shownInline === true);
    if (text === undefined) return;
    // Emptied first, filled a moment later: screen readers announce even a repeated message.
    setTimeout(() => {
      if (this.error === text) alert.textContent = resolveText(text, this.messages());
    }, 50);
  }

  showStatus(text: Text<M> | undefined): void {
    this.status = text;
    if (this.regions.status)
      this.regions.status.textContent = text === undefined ? '' : resolveText(text, this.messages());
  }

  /** Shown texts again, in the current language (server messages stay as the server sent them). */
  refresh(): void {
    const { alert, status } = this.regions;
    const m = this.messages();
    if (this.error !== undefined && alert.textContent !== '') alert.textContent = resolveText(this.error, m);
    if (status && this.status !== undefined) status.textContent = resolveText(this.status, m);
  }
}
