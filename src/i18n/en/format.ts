/**
 * How English writes numbers, dates and labelled values: the locale given to `Intl`, the decimal
 * point, the space before a percent sign, the colon after a label.
 */
export const format = {
  /** The `Intl` locale of dates and digit groups. */
  locale: 'en-GB',
  /** A label and its value: "Code: 1234". */
  colon: ': ',
  /** A decimal number written with a point ("33.5"): as this language writes it. */
  decimal: (number: string) => number,
  /** A number already written as this language writes it, followed by the percent sign. */
  percent: (number: string) => `${number} %`,
};
