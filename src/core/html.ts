/**
 * The one HTML escape of the server side (mails, procès-verbal, server-rendered pages): `&`, `<`,
 * `>`, `"` and `'` as character references, safe in text and in quoted attributes. Mails use named
 * references (`&amp;`); the procès-verbal and the pages the server renders keep the numeric ones
 * (`&#38;`) they were first written with, so their bytes (sealed in reports) never change.
 */
const NAMED: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => NAMED[c] ?? c);
}

/** The same escape with numeric references (`&#38;`): the procès-verbal's and server pages' bytes. */
export function escapeHtmlNumeric(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
