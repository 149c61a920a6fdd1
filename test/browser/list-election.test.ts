/**
 * A list election in Chromium against the real server (issue 17): the booth shows each list with
 * its candidates in order under its name (read with the choice), in English at 1100 px and in French
 * at 360 px; the voters choose a list; once published, the public election page shows the seats per
 * list with the elected, the averages table and the rules' sealed hash with the others, in English
 * and in French at 360 px. axe-core finds no violation on any of these screens.
 * Screenshots: test-artifacts/list-election/.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifactDir,
  axeProblems,
  CHROMIUM,
  ensurePages,
  POLL,
  reviewAndCast,
  signInOnPage,
  signInToBooth,
  TestBrowser,
  watchProblems,
} from '../world/browser.js';
import { Client, signedIn } from '../world/client.js';
import {
  advance,
  ballotOf,
  draftElection,
  organisationWithAdmin,
  type TestAccount,
  type TestElection,
} from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

const SHOTS = artifactDir('list-election');
const LISTS = ['Liste Unité', 'Liste Avenir'];
const person = (name: string, gender: 'F' | 'M') => ({ name, gender });
const RULES = {
  lists: [
    {
      question: 0,
      method: 'sainte-lague',
      seats: 3,
      threshold: '5',
      parity: 'alternating',
      lists: [
        {
          name: LISTS[0],
          candidates: [person('Inès Moreau', 'F'), person('Jules Petit', 'M'), person('Karima Haddad', 'F')],
        },
        { name: LISTS[1], candidates: [person('Louis Garnier', 'M'), person('Maud Leroy', 'F')] },
      ],
    },
  ],
  questions: [],
  tieBreak: ['draw'],
};

describe.skipIf(!existsSync(CHROMIUM))('a list election in Chromium: booth and result', () => {
  let server: ListeningServer;
  let browser: TestBrowser;
  let admin: TestAccount;
  let election: TestElection;
  let organisationId: string;
  let hash: string;
  const problems: string[] = [];

  beforeAll(async () => {
    await ensurePages('booth');
    await ensurePages('election');
    server = await startTestServer({ mode: 'listen' });
    const org = await organisationWithAdmin(server, 'Fédération', 'list-admin');
    admin = org.admin;
    organisationId = org.organisationId;
    election = await draftElection(server, org.organisationId, admin, {
      voters: 3,
      name: 'Conseil fédéral',
      csv: ['v1@example.org,v1,5,Voter 1', 'v2@example.org,v2,3,Voter 2', 'v3@example.org,v3,1,Voter 3'].join(
        '\n',
      ),
    });
    await server.elections.setQuestions(election.id, admin, [
      { answers: LISTS, blank: true, min: 1, max: 1, question: 'Conseil fédéral : quelle liste ?' },
    ]);
    const client = await signedIn(new Client(server.app), admin);
    const set = await client.put(`/api/v1/elections/${election.id}/rules`, { rules: RULES });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    hash = set.json.hash;
    await server.elections.open(election.id, admin);
    browser = await TestBrowser.launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function booth(voter: number, options: { width: number; locale: string }): Promise<Page> {
    const fr = options.locale.startsWith('fr');
    const page = await browser.page(options);
    watchProblems(page, problems);
    const v = election.voters[voter]!;
    await page.goto(`${server.url}/vote/${election.id}#credential=${v.credential}`);
    await signInToBooth(page, v.login, v.password, fr);
    await page.getByRole('button', { name: fr ? 'Continuer' : 'Continue' }).click();
    await page.locator('#q0-a0-candidates li').first().waitFor();
    return page;
  }

  const candidates = (page: Page, list: number) =>
    page.locator(`#q0-a${list}-candidates li`).allTextContents();

  it('edits the rules of a draft in the admin page: a parity refusal names the list, then they are saved (EN 1100, FR 360)', async () => {
    const draft = await draftElection(server, organisationId, admin, { voters: 1, name: 'Bureau' });
    await server.elections.setQuestions(draft.id, admin, [
      { answers: LISTS, blank: true, min: 1, max: 1, question: 'Bureau : quelle liste ?' },
      { answers: ['Pour', 'Contre'], blank: true, min: 1, max: 1, question: 'Nouveaux statuts ?' },
    ]);
    const page = await browser.page({ width: 1100, locale: 'en-GB' });
    watchProblems(
      page,
      problems,
      (m) => m.location().url.endsWith('/favicon.ico') || m.text().includes('422'),
    );
    await page.goto(`${server.url}/admin/elections/${draft.id}`);
    await signInOnPage(page, admin);
    await page.getByRole('heading', { name: 'Election rules (lists and seats)' }).waitFor();
    await page.getByLabel('Question whose answers are the lists').selectOption('0');
    await page.getByLabel('Seat allocation').selectOption('hare');
    await page.getByLabel('Seats to fill').fill('3');
    await page.getByLabel('Parity of the lists').selectOption('alternating');
    await page.getByLabel(`Candidates of ${LISTS[0]}, in list order`).fill('Inès Moreau; F\nJules Petit; M');
    await page.getByLabel(`Candidates of ${LISTS[1]}, in list order`).fill('Louis Garnier; M\nMarc Leroy; M');
    await page.getByRole('button', { name: 'Save the rules' }).click();
    await expect
      .poll(() => page.locator('#page-alert').textContent(), POLL)
      .toContain('A list breaks the parity');
    expect(await server.store.electionRules.get(draft.id)).toBeUndefined();
    await page.getByLabel(`Candidates of ${LISTS[1]}, in list order`).fill('Louis Garnier; M\nMaud Leroy; F');
    await page.getByLabel('Motion (answers: for, then against)').selectOption('1');
    await page.getByLabel('Required majority').fill('>= 2/3');
    await page.getByLabel('Quorum', { exact: true }).fill('1/4');
    await page.getByRole('button', { name: 'Save the rules' }).click();
    await expect.poll(() => page.locator('#page-status').textContent(), POLL).toBe('Election rules saved.');
    const stored = await server.store.electionRules.get(draft.id);
    expect(stored?.rules.lists[0]).toMatchObject({
      question: 0,
      method: 'hare',
      seats: 3,
      parity: 'alternating',
    });
    expect(stored!.rules.lists[0]!.lists[1]!.candidates).toEqual([
      { name: 'Louis Garnier', gender: 'M' },
      { name: 'Maud Leroy', gender: 'F' },
    ]);
    expect(stored!.rules.questions).toEqual([
      {
        question: 1,
        kind: 'motion',
        quorum: { kind: 'share', share: '1/4' },
        majority: '>= 2/3',
        base: 'valid',
      },
    ]);
    // An absolute weight of ballots cast as the quorum.
    await page.getByLabel('Quorum counted as').selectOption('weight');
    await page.getByLabel('Quorum', { exact: true }).fill('120');
    await page.getByRole('button', { name: 'Save the rules' }).click();
    await expect
      .poll(async () => (await server.store.electionRules.get(draft.id))?.rules.questions[0]?.quorum, POLL)
      .toEqual({ kind: 'weight', weight: '120' });
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'admin-en-1100.png'), fullPage: true });
    await page.setViewportSize({ width: 360, height: 900 });
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: "Règles de l'élection (listes et sièges)" }).waitFor();
    expect(await page.getByLabel(`Candidats de ${LISTS[1]}, dans l'ordre de la liste`).inputValue()).toBe(
      'Louis Garnier; M\nMaud Leroy; F',
    );
    await page.screenshot({ path: join(SHOTS, 'admin-fr-360.png'), fullPage: true });
    // The whole admin page fits 360 px: wide tables scroll in their own regions (issue 17).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // And nothing of the rules card sticks out of it.
    const card = page.locator('section[aria-labelledby="rules-admin-heading"]');
    expect(
      await card.evaluate((el) =>
        [...el.querySelectorAll('*')]
          .filter((e) => e.getBoundingClientRect().right > 360)
          .map((e) => `${e.tagName}.${e.className}`),
      ),
    ).toEqual([]);
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('shows each list with its candidates in the booth, in English at 1100 px, and casts a vote for a list', async () => {
    const page = await booth(0, { width: 1100, locale: 'en-GB' });
    expect(await candidates(page, 0)).toEqual([
      'Inès Moreau (woman)',
      'Jules Petit (man)',
      'Karima Haddad (woman)',
    ]);
    expect(await candidates(page, 1)).toEqual(['Louis Garnier (man)', 'Maud Leroy (woman)']);
    // With a blank vote allowed, the booth offers checkboxes (one list at most, or blank).
    const radio = page.getByRole('checkbox', { name: LISTS[0] });
    expect(await radio.getAttribute('aria-describedby')).toBe('q0-a0-candidates');
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'booth-en-1100.png'), fullPage: true });
    await radio.check();
    await reviewAndCast(page);
  });

  it('in French at 360 px: the lists fit, the voter ticks one with the keyboard', async () => {
    const page = await booth(1, { width: 360, locale: 'fr-FR' });
    expect(await candidates(page, 1)).toEqual(['Louis Garnier (homme)', 'Maud Leroy (femme)']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'booth-fr-360.png'), fullPage: true });
    await page.getByRole('checkbox', { name: LISTS[1] }).focus();
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: LISTS[1] }).isChecked()).toBe(true);
    await reviewAndCast(page, true);
  });

  it('shows the seats with the elected, the averages and the sealed rules hash on the public page (EN, FR 360 px)', async () => {
    await server.elections.castBallot(
      election.id,
      election.voters[2]!.id,
      await ballotOf(server, election.id, election.voters[2]!, [[0, 0, 1]]),
    );
    await advance(server, election, admin, 'published');
    // Sainte-Laguë on 5 / 4: 5, 4, then 5/3 ≈ 1.67 against 4/3 ≈ 1.33: Unité 2, Avenir 1.
    for (const [locale, width, fr] of [
      ['en-GB', 1100, false],
      ['fr-FR', 360, true],
    ] as const) {
      const page = await browser.page({ width, locale });
      watchProblems(page, problems);
      await page.goto(`${server.url}/elections/${election.id}`);
      await page.locator('#seats-table-0').waitFor();
      const rows = await page
        .locator('#seats-table-0 tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim() ?? '')));
      expect(rows).toEqual([
        [LISTS[0], '5', '2', 'Inès Moreau, Jules Petit'],
        [LISTS[1], '4', '1', 'Louis Garnier'],
      ]);
      expect(await page.locator('#averages-table-0 tbody tr').count()).toBe(2);
      expect(await page.locator('#seal-rules').textContent()).toBe(hash);
      expect(await page.locator('#rules-heading').textContent()).toBe(
        fr ? 'Sièges et décisions' : 'Seats and decisions',
      );
      if (width === 360)
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(await axeProblems(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `result-${locale}-${width}.png`), fullPage: true });
    }
    expect(problems).toEqual([]);
  });
});
