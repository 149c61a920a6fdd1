import { describe, expect, it } from 'vitest';
import { CATALOGUES, LANGUAGES, negotiateLanguage } from './index.js';
import { PROCES_VERBAL_CATALOGUES } from './proces-verbal.js';
import { SEATS_PROCES_VERBAL_CATALOGUES } from './seats-proces-verbal.js';

describe('message catalogues', () => {
  it('registers each catalogue under its own language code', () => {
    for (const language of LANGUAGES) expect(CATALOGUES[language].language.code).toBe(language);
  });

  it('picks the first supported language of the browser, by primary subtag', () => {
    expect(negotiateLanguage(['fr-CA', 'en-US'])).toBe('fr');
    expect(negotiateLanguage(['de-DE', 'EN-gb'])).toBe('en');
    expect(negotiateLanguage(['de-DE', 'it'])).toBe('en');
    expect(negotiateLanguage([], 'fr')).toBe('fr');
  });

  it('has the same message functions in every language, each giving non-empty text', () => {
    const shape = (value: unknown): unknown =>
      typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]))
        : typeof value;
    for (const language of LANGUAGES) {
      expect(shape(CATALOGUES[language])).toEqual(shape(CATALOGUES.en));
      // The procès-verbal's catalogue, kept out of the pages' bundles, is held to the same rule.
      expect(shape(PROCES_VERBAL_CATALOGUES[language])).toEqual(shape(PROCES_VERBAL_CATALOGUES.en));
      expect(shape(SEATS_PROCES_VERBAL_CATALOGUES[language])).toEqual(
        shape(SEATS_PROCES_VERBAL_CATALOGUES.en),
      );
    }
    expect(CATALOGUES.fr.booth.questions.chooseExactly(1)).toBe('Choisissez 1 réponse.');
    expect(CATALOGUES.en.booth.questions.chooseExactly(2)).toBe('Choose 2 answers.');
  });

  it('writes decimals, percentages and labels as each language does', () => {
    const { en, fr } = CATALOGUES;
    expect(fr.format.percent(fr.format.decimal('33.50'))).toBe('33,50\u00a0%');
    expect(en.format.percent(en.format.decimal('33.50'))).toBe('33.50 %');
    expect(`Code${fr.format.colon}1`).toBe('Code\u00a0: 1');
    expect(new Intl.DateTimeFormat(fr.format.locale, { month: 'long', timeZone: 'UTC' }).format(0)).toBe(
      'janvier',
    );
  });
});
