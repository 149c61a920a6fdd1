/**
 * The frame of the staff pages (admin pages, scrutineer, authority and operator consoles, home
 * page): the header with the language switch and the signed-in account, an alert region and a
 * polite status region, the sign-in form, and the rendering of failures. Text goes in as text nodes
 * (dom.ts), so names from elections and rolls cannot inject markup, and nothing inline is produced
 * (strict CSP).
 */
import type { Language, Messages } from '../../i18n/index.js';
import { messagesFor } from '../../i18n/index.js';
import { focusElement, h, replaceChildren } from './dom.js';
import { detailLines, type Failure } from './http.js';
import { initialLanguage, storeLanguage } from './language.js';
import { element, languageButtons, pressLanguage } from './shell.js';
import { type Account, StaffApi } from './staff-api.js';

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
    this.language = initialLanguage();
    this.api = new StaffApi(() => this.language);
  }

  get t(): Messages {
    return messagesFor(this.language);
  }

  setLanguage(language: Language): void {
    this.language = language;
    storeLanguage(language);
    this.rerender();
  }

  /** Draws the header; `title` becomes the document title. */
  frame(title: string): void {
    const t = this.t;
    document.documentElement.lang = this.language;
    document.title = `${title} – Scrutin`;
    const { list: switcher, buttons } = languageButtons((code) => this.setLanguage(code));
    switcher.setAttribute('aria-label', t.booth.languageSwitch);
    pressLanguage(buttons, this.language);
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
