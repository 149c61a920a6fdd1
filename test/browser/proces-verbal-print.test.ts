/**
 * Issue 16 point 8: the procès-verbal as a secretary prints and signs it. Rendered to PDF by
 * Chromium (the page's own print CSS, A4): every page carries the running header and "Page n / N",
 * each box is named with its election id (the .bel file name), the server-held key is flagged as
 * the weakest mode, one signature line per scrutineer and per trustee, both percentages labelled
 * with the rule's base marked. axe-core finds no violation at 360 px, in French and in English.
 */

import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BoxInput, consolidate } from '../../src/congress/consolidation.js';
import { renderProcesVerbal } from '../../src/congress/proces-verbal.js';
import { boxId, consultationId, electionId } from '../../src/core/ids.js';
import type { HomomorphicQuestion } from '../../src/protocol/messages.js';
import { pdfPages } from '../support/pdf-text.js';
import { axeProblems, CHROMIUM, TestBrowser } from '../world/browser.js';

const QUESTIONS: HomomorphicQuestion[] = [
  {
    answers: ['Alice Martin', 'Bruno Diallo'],
    blank: true,
    min: 1,
    max: 1,
    question: 'Qui dirige le parti ?',
  },
];

const box = (i: number): BoxInput => ({
  id: boxId(`box-${i}`),
  label: `Fédération ${i + 1}`,
  channel: 'online',
  electionId: electionId(`Elec${i}XyZ1234567`),
  replaces: null,
  annulment: null,
  keyHolders:
    i === 0
      ? [{ kind: 'server', names: ['Scrutin server'] }]
      : [{ kind: 'pedersen', names: ['Garante Une', 'Garant Deux', 'Garante Trois'], threshold: 2 }],
  scrutineers: ['Camille Observatrice', i % 2 === 0 ? 'Dominique Observateur' : 'Camille Observatrice'],
  verified: {
    uuid: `Elec${i}XyZ1234567`,
    name: `Fédération ${i + 1}`,
    questions: QUESTIONS,
    figures: {
      registeredVoters: 20,
      registeredWeight: 20n,
      ballotsCounted: 14,
      weightCast: 14n,
      counts: [[1n, 7n, 6n]],
    },
    sealed: { election: `seal-${i}`, trustees: 'trustees-hash', credentials: 'credentials-hash' },
    archive: { finalHash: `final-${i}`, height: 30, sha256: 'ab'.repeat(32) },
  },
});

const report = consolidate({
  consultation: {
    id: consultationId('Congress2027'),
    name: 'Congrès 2027',
    round: 1,
    timeZone: 'Europe/Paris',
  },
  questions: QUESTIONS,
  rule: { question: 0, qualifying: 2, majorityPercent: 50, minimumPercent: null, blankVotes: 'excluded' },
  boxes: Array.from({ length: 5 }, (_, i) => box(i)),
});

describe.skipIf(!existsSync(CHROMIUM))('the procès-verbal in print', () => {
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await TestBrowser.launch();
    page = await browser.page({ width: 360, height: 800 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('prints on numbered pages with a running header, every box named by its election id', async () => {
    await page.setContent(renderProcesVerbal(report, 'fr', '2027-03-01T18:05:00.000Z'));
    const pages = pdfPages(await page.pdf({ preferCSSPageSize: true }));
    expect(pages.length).toBeGreaterThan(1);
    const squeeze = (text: string) => text.replace(/\s+/g, ' ');
    pages.forEach((text, i) => {
      expect(squeeze(text)).toContain(`Page ${i + 1} / ${pages.length}`);
      expect(squeeze(text)).toContain('Procès-verbal — Congrès 2027 — 1er tour');
    });
    const all = squeeze(pages.join(' '));
    for (let i = 0; i < 5; i++) expect(all).toContain(`Elec${i}XyZ1234567.bel`);
    expect(all).toContain('détenue par le serveur — le mode le plus faible');
    expect(all).toContain('2 sur 3 suffisent à déchiffrer');
    // One signature line per scrutineer and per trustee, each named once.
    for (const name of ['Camille Observatrice', 'Dominique Observateur'])
      expect(all.split(`Scrutateur·rice`).filter((part) => part.includes(name)).length).toBe(1);
    for (const name of ['Garante Une', 'Garant Deux', 'Garante Trois'])
      expect(all).toMatch(new RegExp(`Garant·e\\S* ?: ${name}`));
    // Both percentages labelled; the rule's base (blank votes excluded: valid votes) marked.
    expect(all).toContain('% des votants');
    expect(all).toContain('% des suffrages exprimés *');
    expect(all).toMatch(/La règle du tour calcule ses pourcentages sur la colonne/);
  });

  it('has no accessibility violation at 360 px, in French and in English', async () => {
    for (const language of ['fr', 'en'] as const) {
      await page.setContent(renderProcesVerbal(report, language, '2027-03-01T18:05:00.000Z'));
      expect(await axeProblems(page), language).toEqual([]);
    }
  });
});
