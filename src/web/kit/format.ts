/** Dates and small read-only blocks, formatted the same way on every page. */
import { type Language, messagesFor } from '../../i18n/index.js';
import { h } from './dom.js';

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

/** A dated instant in the election's time zone, e.g. "25 November 2026, 14:00 (Europe/Paris)". */
export function formatInstant(iso: string | null, timeZone: string, language: Language): string {
  if (iso === null) return '—';
  try {
    const text = new Intl.DateTimeFormat(messagesFor(language).format.locale, {
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
