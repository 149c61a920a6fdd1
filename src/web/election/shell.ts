/**
 * What the public election page and the trustee page share with the booth's ways: the language
 * (remembered under the booth's key, else negotiated from the browser), the header with the language
 * switch, the election id in the path, and a JSON client whose failures are values (an HTTP error
 * with the server's coded, translated message; a network failure; an answer of the wrong shape).
 */
import { isLanguage, LANGUAGES, type Language, messagesFor, negotiateLanguage } from '../../i18n/index.js';
import type { ApiFailure, ApiResult } from '../booth/api.js';
import { h, replaceChildren } from '../booth/dom.js';

export type { ApiFailure, ApiResult };

/** The booth's key: a voter who chose French in the booth gets French here too. */
const LANGUAGE_KEY = 'scrutin.language';

export function initialLanguage(): Language {
  try {
    const value = window.localStorage.getItem(LANGUAGE_KEY);
    if (value !== null && isLanguage(value)) return value;
  } catch {
    // storage disabled: fall back to the browser's languages
  }
  return negotiateLanguage(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

export function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // not remembered across visits; nothing else depends on it
  }
}

/** `/prefix/<id>` → id ('' when the path does not match). */
export function electionIdFromPath(prefix: string, pathname = window.location.pathname): string {
  const match = new RegExp(`^/${prefix}/([^/]+)/?$`).exec(pathname);
  try {
    return match?.[1] ? decodeURIComponent(match[1]) : '';
  } catch {
    return '';
  }
}

export function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`page is missing #${id}`);
  return found;
}

/**
 * The header: brand, language buttons (built once, so a pressed button keeps focus) and a line for
 * the election's name. `update` follows a language change.
 */
export class PageHeader {
  private readonly buttons = new Map<Language, HTMLButtonElement>();
  private readonly nav: HTMLElement;
  private readonly subtitle: HTMLElement;

  constructor(header: HTMLElement, onSwitch: (language: Language) => void) {
    const list = h('ul', { class: 'languages' });
    for (const language of LANGUAGES) {
      const button = h(
        'button',
        { type: 'button', lang: language, on: { click: () => onSwitch(language) } },
        messagesFor(language).language.name,
      );
      this.buttons.set(language, button);
      list.append(h('li', {}, button));
    }
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
    for (const [code, button] of this.buttons) button.setAttribute('aria-pressed', String(code === language));
    this.subtitle.textContent = subtitle;
  }
}

export type Parser<T> = (value: unknown) => T | undefined;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const isString = (value: unknown): value is string => typeof value === 'string';

export interface RequestOptions {
  readonly body?: unknown;
  readonly csrfToken?: string;
  readonly language: Language;
}

/** One JSON request to the same origin; never throws for an expected failure. */
export async function requestJson<T>(
  method: 'GET' | 'POST',
  url: string,
  options: RequestOptions,
  parse: Parser<T>,
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        accept: 'application/json',
        'accept-language': options.language,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.csrfToken === undefined ? {} : { 'x-csrf-token': options.csrfToken }),
      },
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
  } catch {
    return { ok: false, failure: { kind: 'network' } };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return { ok: false, failure: { kind: 'bad-response', status: response.status } };
  }
  if (!response.ok) {
    const error = isRecord(json) && isRecord(json.error) ? json.error : undefined;
    if (error && isString(error.code) && isString(error.message)) {
      // The detail says which check failed (e.g. "question 0 factor 1: invalid decryption proof").
      const detail =
        isRecord(error.detail) && isString(error.detail.problem) ? ` (${error.detail.problem})` : '';
      const failure: ApiFailure = {
        kind: 'http',
        status: response.status,
        code: error.code,
        message: `${error.message}${detail}`,
      };
      return { ok: false, failure };
    }
    return { ok: false, failure: { kind: 'bad-response', status: response.status } };
  }
  const value = parse(json);
  return value === undefined
    ? { ok: false, failure: { kind: 'bad-response', status: response.status } }
    : { ok: true, value };
}

/** The browser's own regional variant when it speaks the page's language (en-GB dates for en-GB). */
function regionalLocale(language: string): string {
  return navigator.languages.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

/** A date in the election's time zone, with the zone's name, e.g. "Friday 14 March 2031, 18:00 CET". */
export function formatDate(iso: string, timeZone: string, language: string): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat(regionalLocale(language), { ...options, timeZone }).format(date);
  } catch {
    // An unknown time zone name: the reader's local time rather than nothing.
    return new Intl.DateTimeFormat(regionalLocale(language), options).format(date);
  }
}
