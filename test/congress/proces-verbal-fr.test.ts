/**
 * Issue 11: the French procès-verbal as a federation secretary reads and signs it — French words
 * only (no "(height 11)"), decimal commas, dates in the consultation's time zone, an annulled box
 * never labelled as a verified (counted) archive, labelled signature lines, "garants" for trustees.
 */

import { describe, expect, it } from 'vitest';
import { type BoxInput, consolidate } from '../../src/congress/consolidation.js';
import type { BoxFigures } from '../../src/congress/figures.js';
import { renderProcesVerbal } from '../../src/congress/proces-verbal.js';
import { boxId, consultationId, electionId } from '../../src/core/ids.js';
import type { HomomorphicQuestion } from '../../src/protocol/messages.js';

const QUESTIONS: HomomorphicQuestion[] = [
  {
    answers: ['Alice Martin', 'Bruno Diallo'],
    blank: true,
    min: 1,
    max: 1,
    question: 'Qui dirige le parti ?',
  },
];
const figures = (counts: number[]): BoxFigures => ({
  registeredVoters: 3,
  registeredWeight: 1500n,
  ballotsCounted: 3,
  weightCast: BigInt(counts.reduce((a, b) => a + b, 0)),
  counts: [counts.map(BigInt)],
});
const online = (id: string, counts: number[], annulled: boolean): BoxInput => ({
  id: boxId(id),
  label: id,
  channel: 'online',
  electionId: electionId(`E-${id}`),
  replaces: null,
  annulment: annulled ? { reason: 'Émargement contesté', at: '2027-03-01T17:30:00.000Z', by: 'admin' } : null,
  verified: {
    uuid: `E-${id}`,
    name: id,
    questions: QUESTIONS,
    figures: figures(counts),
    sealed: { election: `seal-${id}`, trustees: 'tr', credentials: 'cr' },
    archive: { finalHash: `final-${id}`, height: 11, sha256: 'ab'.repeat(32) },
  },
});

describe('the French procès-verbal', () => {
  const report = consolidate({
    consultation: {
      id: consultationId('C'),
      name: 'Congrès 2027',
      round: 1,
      timeZone: 'Europe/Paris',
      previousId: null,
      nextId: null,
    },
    questions: QUESTIONS,
    rule: null,
    boxes: [online('Paris', [0, 1000, 333], false), online('Lyon', [0, 2, 1], true)],
  });
  const html = renderProcesVerbal(report, 'fr', '2027-03-01T18:05:00.000Z');
  const text = html.replace(/<style>[^<]*<\/style>/, '').replace(/<[^>]+>/g, ' ');

  it('writes every word in French: no "height", no "assesseurs"', () => {
    expect(text).not.toMatch(/height/i);
    expect(html).not.toMatch(/assesseur/i);
    expect(html).toContain('garants');
    expect(html).toContain('1er tour');
  });

  it('writes numbers with a decimal comma and French digit groups', () => {
    // Alice 1000 of 1333 valid votes: 75,02 % — never "75.02".
    expect(text).toContain('75,02\u00a0%');
    expect(text).not.toMatch(/\d\.\d\d/);
    expect(text).toMatch(/1\u202f333/);
  });

  it('gives dates in the consultation time zone, not ISO UTC', () => {
    expect(text).toContain('1 mars 2027 à 19:05');
    expect(text).toContain('1 mars 2027 à 18:30');
    expect(text).not.toContain('2027-03-01T18:05:00.000Z ');
  });

  it('does not label the annulled box as a verified archive, and labels the signature lines', () => {
    const lyon = html.slice(html.indexOf('id="box-Lyon"'));
    const lyonSection = lyon.slice(0, lyon.indexOf('</section>'));
    expect(lyonSection).toContain('annulée');
    expect(lyonSection).not.toMatch(/vérifiée \(/);
    expect(lyonSection).toContain('ses chiffres ne sont pas comptés');
    const paris = html.slice(html.indexOf('id="box-Paris"'));
    expect(paris.slice(0, paris.indexOf('</section>'))).toMatch(/vérifiée \(/);
    const signatures = html.slice(html.indexOf('<h2>Signatures</h2>'));
    expect(signatures).toContain('Président·e de la commission électorale');
    expect(signatures).toContain('Nom, date et signature');
  });

  it('states the decision with the rule threshold, in words a secretary signs', () => {
    const elected = consolidate({
      consultation: { id: consultationId('C'), name: 'Congrès 2027', round: 1, timeZone: 'Europe/Paris' },
      questions: QUESTIONS,
      rule: { question: 0, qualifying: 2, majorityPercent: 50, minimumPercent: null, blankVotes: 'excluded' },
      boxes: [online('Paris', [0, 1000, 333], false)],
    });
    expect(renderProcesVerbal(elected, 'fr', '2027-03-01T18:05:00.000Z')).toContain(
      'Alice Martin est élu·e (plus de 50\u00a0% des voix).',
    );
    expect(renderProcesVerbal(elected, 'en', '2027-03-01T18:05:00.000Z')).toContain(
      'Alice Martin is elected (more than 50 % of the votes).',
    );
  });
});

describe('the procès-verbal counts the changes to each box roll after credentials were issued (issue 15)', () => {
  const report = consolidate({
    consultation: { id: consultationId('C'), name: 'Congrès 2027', round: 1, timeZone: 'Europe/Paris' },
    questions: QUESTIONS,
    rule: null,
    boxes: [
      {
        ...online('Paris', [0, 1000, 333], false),
        rollChanges: { count: 2, logins: ['victim', 'v***@example.org'] },
      },
      { ...online('Lyon', [0, 2, 1], false), rollChanges: { count: 0, logins: [] } },
    ],
  });

  it('names the count and the logins per box, in French and in English', () => {
    const fr = renderProcesVerbal(report, 'fr', '2027-03-01T18:05:00.000Z');
    expect(fr).toContain('Modifications de la liste après l’émission des codes');
    expect(fr).toMatch(/id="roll-changes-Paris">2 — victim, v\*\*\*@example\.org</);
    expect(fr).toMatch(/id="roll-changes-Lyon">0</);
    const en = renderProcesVerbal(report, 'en', '2027-03-01T18:05:00.000Z');
    expect(en).toContain('Changes to the roll after credentials were issued');
  });
});
