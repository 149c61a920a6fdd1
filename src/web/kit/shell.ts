/**
 * The frame of the public pages (booth, election page, trustee page): the header with the brand,
 * the language switch and a line for the election's name, the election id in the path, and the
 * page's fixed elements. The staff pages' frame (signed-in account, sign-in form) is staff-shell.ts;
 * both draw the language switch with `languageButtons`.
 */
import { LANGUAGES, type Language, messagesFor } from '../../i18n/index.js';
import { h, replaceChildren } from './dom.js';

/** `/prefix/<id>` → id ('' when the path does not match). */
export function electionIdFromPath(prefix: string, pathname = window.location.pathname): string {
  const match = new RegExp(`^/${prefix}/([^/]+)/?$`).exec(pathname);
  try {
    return match?.[1] ? decodeURIComponent(match[1]) : '';
  } catch {
    return '';
  }
}

/** One of the page's fixed elements (from its index.html). */
export function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`page is missing #${id}`);
  return found;
}

/** One button per language, each naming its language in itself (`lang`), in a list. */
export function languageButtons(onSwitch: (language: Language) => void): {
  list: HTMLUListElement;
  buttons: Map<Language, HTMLButtonElement>;
} {
  const buttons = new Map<Language, HTMLButtonElement>();
  const list = h('ul', { class: 'languages' });
  for (const language of LANGUAGES) {
    const button = h(
      'button',
      { type: 'button', lang: language, on: { click: () => onSwitch(language) } },
      messagesFor(language).language.name,
    );
    buttons.set(language, button);
    list.append(h('li', {}, button));
  }
  return { list, buttons };
}

/** Marks the current language's button pressed. */
export function pressLanguage(buttons: Map<Language, HTMLButtonElement>, language: Language): void {
  for (const [code, button] of buttons) button.setAttribute('aria-pressed', String(code === language));
}

/**
 * The header: brand, language buttons (built once, so a pressed button keeps focus) and a line for
 * the election's name. `update` follows a language change.
 */
export class PageHeader {
  private readonly buttons: Map<Language, HTMLButtonElement>;
  private readonly nav: HTMLElement;
  private readonly subtitle: HTMLElement;

  constructor(header: HTMLElement, onSwitch: (language: Language) => void) {
    const { list, buttons } = languageButtons(onSwitch);
    this.buttons = buttons;
    this.nav = h('nav', { class: 'language-switch' }, list);
    this.subtitle = h('p', { class: 'election-name' });
    replaceChildren(
      header,
      h('div', { class: 'header-row' }, h('p', { class: 'brand' }, 'Scrutin'), this.nav),
      this.subtitle,
    );
  }

  update(language: Language, subtitle: string): void {
    document.documentElement.lang = language;
    this.nav.setAttribute('aria-label', messagesFor(language).booth.languageSwitch);
    pressLanguage(this.buttons, language);
    this.subtitle.textContent = subtitle;
  }
}
