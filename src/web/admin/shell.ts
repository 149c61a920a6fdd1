/**
 * What the admin pages and the scrutineer console share: the page frame (header with the language
 * switch and the signed-in account, an alert region and a polite status region), the sign-in form,
 * and the rendering of failures. Text goes in as text nodes (booth/dom.ts), so names from elections
 * and rolls cannot inject markup, and nothing inline is produced (strict CSP).
 */
import {
  isLanguage,
  type Language,
  type Messages,
  messagesFor,
  negotiateLanguage,
} from '../../i18n/index.js';
import { focusElement, h, replaceChildren } from '../booth/dom.js';
import { type Account, detailLines, type Failure, StaffApi } from './api.js';

/** Shared with the booth: one language choice per browser. */
const LANGUAGE_KEY = 'scrutin.language';

function storedLanguage(): Language | undefined {
  try {
    const value = window.localStorage.getItem(LANGUAGE_KEY);
    return value !== null && isLanguage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`page is missing #${id}`);
  return found;
}

export class Shell {
  language: Language;
  readonly api: StaffApi;
  account: Account | undefined;
  private readonly header = element('page-header');
  readonly screen = element('page-screen');
  private readonly alert = element('page-alert');
  private readonly status = element('page-status');

  constructor(
    /** Re-renders the current screen, e.g. after the language changed. */
    private readonly rerender: () => void,
  ) {
    const browser = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
    this.language = storedLanguage() ?? negotiateLanguage(browser);
    this.api = new StaffApi(() => this.language);
  }

  get t(): Messages {
    return messagesFor(this.language);
  }

  setLanguage(language: Language): void {
    this.language = language;
    try {
      window.localStorage.setItem(LANGUAGE_KEY, language);
    } catch {
      // not remembered; nothing depends on it
    }
    this.rerender();
  }

  /** Draws the header; `title` becomes the document title. */
  frame(title: string): void {
    const t = this.t;
    document.documentElement.lang = this.language;
    document.title = `${title} – Scrutin`;
    const switcher = h(
      'ul',
      { class: 'languages', 'aria-label': t.booth.languageSwitch },
      ...(['en', 'fr'] as const).map((code) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              lang: code,
              'aria-pressed': code === this.language ? 'true' : 'false',
              on: { click: () => this.setLanguage(code) },
            },
            messagesFor(code).language.name,
          ),
        ),
      ),
    );
    const who = this.account
      ? h(
          'p',
          { class: 'signed-in' },
          t.admin.signedInAs(this.account.displayName),
          ' ',
          h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              on: {
                click: async () => {
                  await this.api.signOut();
                  this.account = undefined;
                  this.rerender();
                },
              },
            },
            t.admin.signOut,
          ),
        )
      : null;
    replaceChildren(
      this.header,
      h('div', { class: 'header-row' }, h('p', { class: 'brand' }, 'Scrutin'), switcher),
      who,
    );
  }

  clearMessages(): void {
    replaceChildren(this.alert);
    replaceChildren(this.status);
  }

  announce(text: string): void {
    replaceChildren(this.alert);
    replaceChildren(this.status, text);
  }

  /** A problem found before anything was sent (a missing field…). */
  problem(text: string): void {
    replaceChildren(this.status);
    replaceChildren(this.alert, text);
  }

  /** Shows a failure (and its per-line detail) in the alert region. */
  fail(failure: Failure): void {
    const t = this.t;
    replaceChildren(this.status);
    if (failure.kind === 'network') return void replaceChildren(this.alert, t.booth.network);
    if (failure.kind === 'bad-response') return void replaceChildren(this.alert, t.booth.unexpected);
    if (failure.status === 401 && failure.code === 'SCR_UNAUTHENTICATED' && this.account) {
      // The session ended (expired, or signed out elsewhere): back to the sign-in form.
      this.account = undefined;
      this.rerender();
    }
    const lines = detailLines(failure.detail, t.admin.lineProblem);
    replaceChildren(
      this.alert,
      h('p', {}, failure.message),
      lines.length > 0 ? h('ul', { class: 'problems' }, ...lines.map((line) => h('li', {}, line))) : null,
    );
  }

  /** Restores the session if there is one; false when the visitor must sign in. */
  async restore(): Promise<boolean> {
    const me = await this.api.me();
    if (!me.ok) {
      this.fail(me.failure);
      return false;
    }
    this.account = me.value;
    return me.value !== undefined;
  }

  /** The sign-in form; `done` runs once signed in. */
  signIn(intro: string, done: () => void, extra?: HTMLElement): void {
    const t = this.t;
    this.frame(t.admin.signIn.heading);
    const email = h('input', {
      id: 'sign-in-email',
      type: 'email',
      name: 'email',
      autocomplete: 'username',
      required: true,
    });
    const password = h('input', {
      id: 'sign-in-password',
      type: 'password',
      name: 'password',
      autocomplete: 'current-password',
      required: true,
    });
    const heading = h('h1', { tabindex: -1 }, t.admin.signIn.heading);
    const form = h(
      'form',
      {
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            if (email.value.trim() === '' || password.value === '') {
              replaceChildren(this.alert, t.admin.signIn.missing);
              return;
            }
            this.announce(t.admin.signIn.progress);
            const result = await this.api.signIn(email.value.trim(), password.value);
            if (!result.ok) return this.fail(result.failure);
            password.value = '';
            this.account = result.value;
            this.clearMessages();
            done();
          },
        },
      },
      h('div', { class: 'field' }, h('label', { for: 'sign-in-email' }, t.admin.signIn.email), email),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'sign-in-password' }, t.admin.signIn.password),
        password,
      ),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, t.admin.signIn.submit),
      ),
    );
    replaceChildren(this.screen, heading, h('p', {}, intro), form, extra ?? null);
    focusElement(heading);
  }
}

/** A dated instant in the election's time zone, e.g. "25 November 2026, 14:00 (Europe/Paris)". */
export function formatInstant(iso: string | null, timeZone: string, language: Language): string {
  if (iso === null) return '—';
  try {
    const text = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone,
    }).format(new Date(iso));
    return `${text} (${timeZone})`;
  } catch {
    return iso;
  }
}

/** A small definition list from label/value pairs. */
export function facts(pairs: readonly (readonly [string, Node | string])[]): HTMLDListElement {
  return h(
    'dl',
    { class: 'facts' },
    ...pairs.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
  );
}
