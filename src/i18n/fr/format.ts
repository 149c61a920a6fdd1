/**
 * How French writes numbers, dates and labelled values: a decimal comma, and a no-break space before
 * « % » and « : » so neither wraps alone. Typed by the English area.
 */
import type { Messages } from '../en/index.js';

export const format: Messages['format'] = {
  locale: 'fr-FR',
  colon: '\u00a0: ',
  decimal: (number: string) => number.replace('.', ','),
  percent: (number: string) => `${number}\u00a0%`,
};
