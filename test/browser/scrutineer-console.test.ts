/**
 * The scrutineer console in Chromium against the real server, on the demo election: a scrutineer
 * signs in and sees turnout (a revote adds a ballot, not a voter), the board verified, the sealed
 * hashes the public board shows, the audit log, and the sign-in list only once voting is closed.
 * Every answer the browser received is searched for the voters' passwords and credentials and the
 * admin's password: none may appear. An account without the role sees nothing of the election.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, type Demo } from '../../src/cli/scrutin/demo.js';
import { ballotMaker, demoVote } from '../support/served-election.js';
import {
  artifactDir,
  canRunBrowser,
  clearAnnouncements,
  launchChromium,
  POLL,
  recordAnswers,
  signInOnPage,
} from '../world/browser.js';
import { Client, signedIn } from '../world/client.js';
import { addAccount, grant, type TestAccount } from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

const SHOTS = artifactDir('scrutineer');

describe.skipIf(!canRunBrowser('scrutineer'))('scrutineer console in a real browser', () => {
  let server: ListeningServer;
  let browser: Browser;
  let page: Page;
  let demo: Demo;
  let scrutineer: TestAccount;
  let answers: string[];
  let makeBallot: ReturnType<typeof ballotMaker>;

  const vote = async (index: number, n: number) => {
    const voter = demo.voters[index]!;
    const client = new Client(server.app);
    await client.post(`/api/v1/elections/${demo.electionId}/voter/login`, {
      login: voter.login,
      password: voter.password,
    });
    const cast = await client.post(`/api/v1/elections/${demo.electionId}/voter/ballots`, {
      ballot: makeBallot(voter.credential, demoVote(n)),
    });
    expect(cast.status).toBe(201);
  };

  beforeAll(async () => {
    server = await startTestServer({ mode: 'listen', label: 'scrutineer-console' });
    demo = await createDemo(server.store, server.elections, server.url, 3);
    scrutineer = await addAccount(server, 'scrutineer');
    await grant(server, demo.electionId, scrutineer, 'scrutineer');
    const row = await server.store.elections.get(demo.electionId);
    makeBallot = ballotMaker(row!.electionJson!);
    await vote(0, 0);
    await vote(1, 1);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1000, height: 900 }, locale: 'en-GB' });
    page.setDefaultTimeout(8000);
    answers = recordAnswers(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in and shows turnout, the verified board, the sealed hashes and the audit log', async () => {
    await page.goto(`${server.url}/scrutineer/${demo.electionId}`);
    expect(await page.getByText('Sign in with the account that was given the scrutineer role').count()).toBe(
      1,
    );
    await signInOnPage(page, scrutineer);
    await page.getByRole('heading', { level: 1, name: 'Demo vote: federation chair and budget' }).waitFor();
    expect(await page.locator('#turnout-count').textContent()).toBe('2 of 3 voters have voted (66.7 %).');
    expect(await page.locator('#turnout-table tbody tr').count()).toBe(1);
    expect(await page.locator('#turnout-table tbody td').nth(2).textContent()).toBe('2');
    await expect
      .poll(() => page.locator('#verification-status').textContent(), POLL)
      .toMatch(/^Verified: every event up to height \d+/);
    const board = (await new Client(server.app).get(`/api/v1/elections/${demo.electionId}`)).json;
    expect(await page.getByText(board.sealed.election, { exact: true }).count()).toBe(1);
    expect(await page.getByText(board.sealed.credentials, { exact: true }).count()).toBe(1);
    // Delivery as counts only: no voter is named in that section.
    expect(await page.locator('#delivery-summary').textContent()).toMatch(/^3 voters: .*, 2 voted\.$/);
    const delivery = await page.locator('section[aria-labelledby="delivery-heading"]').textContent();
    for (const voter of demo.voters) expect(delivery).not.toContain(voter.login);
    expect(await page.locator('#recovery-counts').textContent()).toBe(
      'Requests: 0 pending, 0 approved, 0 rejected, 0 completed (each one is in the audit log).',
    );
    // Issue 15: the roll, addresses masked, and its changes after credentials were issued.
    expect(await page.locator('#roll-changes').textContent()).toBe(
      'Changes to the roll after credentials were issued: 0',
    );
    const roll = await page
      .locator('#roll-table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(roll.map((row) => row[0])).toEqual(demo.voters.map((v) => v.login));
    // Issue 16: login, name and weight only (never an address), hashed here as at opening.
    expect(await page.locator('#roll-table').textContent()).not.toContain('@');
    expect(await page.locator('#roll-hash-check').textContent()).toBe(
      'They match: this is the roll the election was opened with.',
    );
    const sealedRoll = await page.locator('#roll-sealed code').textContent();
    expect(await page.locator('#roll-hash code').textContent()).toBe(sealedRoll);
    // The board's counts in words, not as raw keys.
    const counts = await page.locator('ul.counts li').allTextContents();
    expect(counts[0]).toMatch(/^Events on the board: \d+$/);
    expect(counts.join(' ')).not.toMatch(/events:|ballots:/);
    expect(await page.locator('#recovery-status').textContent()).not.toContain('below');
    const actions = await page.locator('#audit-table tbody tr td:nth-child(3)').allTextContents();
    // Each action by its catalogue label (src/errors/audit-actions.ts), its stored code in the title.
    expect(actions).toContain('Election opened');
    expect(actions).toContain('Voter list imported');
    expect(
      await page.locator('#audit-table tbody tr td:nth-child(3)[title="election.open"]').textContent(),
    ).toBe('Election opened');
    expect(await page.locator('section[aria-labelledby="sign-in-heading"]').textContent()).toContain(
      'Shown after closing: who voted, never how.',
    );
    expect(await page.locator('#sign-in-table').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'open.png'), fullPage: true });
  });

  it('counts a revote as a ballot, not a voter, and shows the sign-in list after closing', async () => {
    await vote(0, 2);
    const admin = await signedIn(server.app, demo.admin);
    expect((await admin.post(`/api/v1/elections/${demo.electionId}/close`)).status).toBe(200);
    await clearAnnouncements(page);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => page.locator('#page-status').textContent(), POLL).toBe('Figures refreshed.');
    expect(await page.locator('#turnout-count').textContent()).toBe('2 of 3 voters have voted (66.7 %).');
    expect(await page.getByText('3 ballots received (revotes included).').count()).toBe(1);
    expect(await page.locator('#election-state').textContent()).toBe('Closed (ballot box sealed)');
    const rows = await page
      .locator('#sign-in-table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['voter1', 'Voter 1', 'yes'],
      ['voter2', 'Voter 2', 'yes'],
      ['voter3', 'Voter 3', 'no'],
    ]);
    expect(await page.locator('#audit-table').textContent()).toContain('Election closed');
    await page.screenshot({ path: join(SHOTS, 'closed.png'), fullPage: true });
  });

  it('speaks French, and the browser never received a password or a credential', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Participation' }).waitFor();
    expect(await page.locator('#turnout-count').textContent()).toBe('2 votant·es sur 3 ont voté (66,7 %).');
    expect(await page.getByRole('heading', { name: 'Liste d’émargement' }).count()).toBe(1);
    await page.getByRole('button', { name: 'English' }).click();
    const everything = `${answers.join('\n')}\n${await page.content()}`;
    for (const voter of demo.voters) {
      expect(everything).not.toContain(voter.password);
      expect(everything).not.toContain(voter.credential);
    }
    expect(everything).not.toContain(demo.admin.password);
    expect(everything).not.toContain(scrutineer.password);
  });

  it('shows nothing of the election to an account without a role on it', async () => {
    const outsider = await addAccount(server, 'outsider');
    const other = await browser.newPage({ locale: 'en-GB' });
    other.setDefaultTimeout(8000);
    await other.goto(`${server.url}/scrutineer/${demo.electionId}`);
    await signInOnPage(other, outsider);
    await expect.poll(() => other.locator('#page-alert').textContent(), POLL).toBe('Not found.');
    expect(await other.locator('#turnout-count').count()).toBe(0);
    await other.close();
  });
});
