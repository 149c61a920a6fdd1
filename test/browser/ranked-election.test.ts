/**
 * Issue 18: one ranked election through the pages, in Chromium. The admin writes an STV question
 * (2 seats) in the questions editor (English), which moves the draft to RFC-3526-2048; a voter
 * ranks in the booth in French at 360 px with the keyboard, reads the ranking back and casts; two
 * more vote through the core; the two trustees shuffle and decrypt in their pages; the public page
 * shows who is elected; the archive passes our verifier and belenios-tool. axe finds nothing on the
 * editor, the ranking screen, the review and the result.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireGroup } from '../../src/core/group.js';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import { generateTrusteeKey, serializeTrusteePublicKey } from '../../src/protocol/setup.js';
import { verifyArchive } from '../../src/protocol/verifier.js';
import { beleniosTool, hasBeleniosTool, tempDir } from '../support/tools.js';
import {
  artifactDir,
  axeProblems,
  CHROMIUM,
  ensurePages,
  TestBrowser,
  watchProblems,
} from '../world/browser.js';
import {
  addAccount,
  ballotOf,
  grant,
  issueVoterSecrets,
  organisationWithAdmin,
  type TestAccount,
} from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

const SHOTS = artifactDir('ranked-election');
// Ranks of Ana, Bo, Cy, Dee for the voters who vote through the core.
const OTHER_VOTES = [[[1, 2, 0, 3]], [[2, 1, 3, 0]]];

describe.skipIf(!existsSync(CHROMIUM))('a ranked (STV) election through the pages', () => {
  let server: ListeningServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    for (const page of ['admin', 'booth', 'trustee', 'election']) await ensurePages(page);
    server = await startTestServer({ mode: 'listen' });
    browser = await TestBrowser.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('editor, booth (FR, 360 px), trustee shuffles and decryption, result page, archive verified', async () => {
    const { organisationId, admin } = await organisationWithAdmin(server, 'Ranked org');
    const { elections } = server;
    const id = (
      await elections.create(organisationId, admin, {
        name: 'Bureau 2026',
        description: 'Two seats',
        timeZone: 'Europe/Paris',
      })
    ).id;
    await grant(server, id, admin, 'election-admin');
    await elections.importVoters(
      id,
      admin,
      [0, 1, 2].map((i) => `v${i}@example.org,v${i},1,Voter ${i}`).join('\n'),
      'fr',
    );
    const problems: string[] = [];

    // The editor: an STV question with 2 seats.
    const adminPage = await browser.page({ width: 1100, locale: 'en-GB' });
    watchProblems(adminPage, problems);
    await adminPage.goto(`${server.url}/admin/elections/${id}`);
    await adminPage.getByLabel('Email address').fill(admin.email);
    await adminPage.getByLabel('Password').fill(admin.password);
    await adminPage.getByRole('button', { name: 'Sign in' }).click();
    await adminPage.getByRole('button', { name: 'Add a question' }).click();
    const card = adminPage.getByRole('group', { name: 'Question 1' });
    await card.getByLabel('Kind of question').selectOption('stv');
    await card.getByLabel('Number of seats').waitFor();
    await card.getByLabel('Question', { exact: true }).fill('Elect the board');
    await card.getByLabel('Candidates (one per line)').fill('Ana\nBo\nCy\nDee');
    await card.getByLabel('Number of seats').fill('2');
    expect(await axeProblems(adminPage)).toEqual([]);
    await adminPage.screenshot({ path: join(SHOTS, '1-editor-en.png'), fullPage: true });
    await adminPage.getByRole('button', { name: 'Save the questions' }).click();
    await expect
      .poll(async () => (await server.store.elections.get(id))!.questionsJson)
      .toBe(
        JSON.stringify([
          {
            type: 'NonHomomorphic',
            value: { answers: ['Ana', 'Bo', 'Cy', 'Dee'], question: 'Elect the board' },
            extra: { type: 'PreferentialVoting', blank: false, seats: 2, method: 'STV' },
          },
        ]),
      );
    expect((await server.store.elections.get(id))!.groupName).toBe('RFC-3526-2048');

    const trustees: { account: TestAccount; x: string }[] = [];
    for (const label of ['first', 'second']) {
      const account = await addAccount(server, `ranked-trustee-${label}`);
      const key = generateTrusteeKey(requireGroup('RFC-3526-2048'));
      await elections.addSingleTrustee(id, admin, {
        displayName: label,
        accountId: account.id,
        publicKey: serializeTrusteePublicKey(key.publicKey),
      });
      await grant(server, id, account, 'trustee');
      trustees.push({ account, x: key.privateKey.reveal().toString() });
    }
    const voters = await issueVoterSecrets(server, id, admin);
    await elections.open(id, admin);

    // The booth, in French at 360 px: Ana 1st, Cy 2nd, Dee 3rd, Bo not ranked.
    const booth = await browser.page({ width: 360, locale: 'fr-FR' });
    watchProblems(booth, problems);
    const voter = voters[0]!;
    await booth.goto(`${server.url}/vote/${id}`);
    await booth.locator('#login').fill(voter.login);
    await booth.locator('#password').fill(voter.password);
    await booth.locator('#password').press('Enter');
    await booth.locator('#credential').fill(voter.credential);
    await booth.locator('#credential').press('Enter');
    await booth.locator('#q0-a0').waitFor();
    expect(await booth.locator('#q0-rule').textContent()).toContain('Utilisez chaque rang une seule fois');
    const rank = async (page: Page, candidate: number, label: string) =>
      page.locator(`#q0-a${candidate}`).selectOption({ label });
    // A gap in the ranks is refused before anything is encrypted, saying why.
    await rank(booth, 0, '1er');
    await rank(booth, 2, '3e');
    await booth.getByRole('button', { name: 'Vérifier mon vote' }).click();
    await booth.locator('#q0-error').waitFor();
    expect(await booth.locator('#q0-error').textContent()).toContain('sans trou');
    // With the keyboard: focus Cy's rank and move it up to 2nd.
    await booth.locator('#q0-a2').focus();
    await booth.keyboard.press('ArrowUp');
    await rank(booth, 2, '2e');
    await rank(booth, 3, '3e');
    expect(await booth.locator('#q0-ranking li').allTextContents()).toEqual([
      '1. Ana',
      '2. Cy',
      '3. Dee',
      'Non classés\u00a0: Bo',
    ]);
    expect(await booth.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeProblems(booth)).toEqual([]);
    await booth.screenshot({ path: join(SHOTS, '2-ranking-fr-360.png'), fullPage: true });
    await booth.getByRole('button', { name: 'Vérifier mon vote' }).click();
    await booth.locator('#cast-button').waitFor();
    expect(await booth.locator('.review-answer li').allTextContents()).toEqual([
      '1. Ana',
      '2. Cy',
      '3. Dee',
      'Non classés\u00a0: Bo',
    ]);
    expect(await axeProblems(booth)).toEqual([]);
    await booth.screenshot({ path: join(SHOTS, '3-review-fr-360.png'), fullPage: true });
    await booth.locator('#cast-button').click();
    await booth.locator('#tracker').waitFor({ timeout: 60_000 });

    for (const [i, vote] of OTHER_VOTES.entries())
      await elections.castBallot(id, voters[i + 1]!.id, await ballotOf(server, id, voters[i + 1]!, vote));
    await elections.close(id, admin);
    await elections.tally(id, admin);

    // Each trustee shuffles in turn in their page, then decrypts from their key file.
    for (const [i, t] of trustees.entries()) {
      const page = await browser.page({ width: 1280, locale: 'en-GB' });
      watchProblems(page, problems);
      await page.goto(`${server.url}/trustee/${id}`);
      await page.locator('#email').fill(t.account.email);
      await page.locator('#password').fill(t.account.password);
      await page.locator('#sign-in').click();
      await page.locator('#shuffle-send').waitFor({ timeout: 30_000 });
      await page.locator('#shuffle-send').click();
      await page
        .locator('#outcome', { hasText: /Your shuffle has been checked/ })
        .waitFor({ timeout: 120_000 });
      expect((await elections.shufflePhase(id)).ended).toBe(i === 1);
      await page.close();
    }
    for (const t of trustees) {
      const page = await browser.page({ width: 1280, locale: 'en-GB' });
      watchProblems(page, problems);
      await page.goto(`${server.url}/trustee/${id}`);
      await page.locator('#email').fill(t.account.email);
      await page.locator('#password').fill(t.account.password);
      await page.locator('#sign-in').click();
      await page.locator('#decrypt-key-file').waitFor();
      await page.locator('#decrypt-key-file').setInputFiles({
        name: 'key.privkey',
        mimeType: 'text/plain',
        buffer: Buffer.from(`"${t.x}"\n`),
      });
      await page.locator('#decrypt-send').click();
      await page.locator('#decrypt-done').waitFor({ timeout: 60_000 });
      await page.close();
    }
    const published = await elections.publish(id, admin);

    // The public page: elected by STV for 2 seats. Ana has two first ranks of three (quota 2): elected;
    // her surplus is nil, Bo's and Cy's single votes tie, and the tie goes as belenios-tool breaks it.
    const publicPage = await browser.page({ width: 1280, locale: 'en-GB' });
    watchProblems(publicPage, problems);
    await publicPage.goto(`${server.url}/elections/${id}`);
    await publicPage.locator('.ranked-elected').waitFor();
    const elected = await publicPage.locator('.ranked-elected li').allTextContents();
    expect(elected).toHaveLength(2);
    expect(elected[0]).toBe('Ana');
    expect(await axeProblems(publicPage)).toEqual([]);
    await publicPage.screenshot({ path: join(SHOTS, '4-result-en.png'), fullPage: true });

    // The archive: our verifier, and belenios-tool.
    const bytes = await elections.board.archive(id, published.archiveTimestamp!);
    expect((await verifyArchive(parseArchive(bytes))).outcome).toBe('verified');
    if (hasBeleniosTool) {
      const dir = tempDir('ranked-election');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${id}.bel`), bytes);
      const verdict = beleniosTool(['election', 'verify', '--dir', dir]);
      expect(verdict.stderr).toContain('all checks passed');
      expect(verdict.status).toBe(0);
    }
    const decrypted = (JSON.parse(published.resultJson!).result as number[][][])[0]!;
    expect(decrypted.map(String).sort()).toEqual(['1,0,2,3', ...OTHER_VOTES.map((v) => String(v[0]))].sort());
    expect(problems).toEqual([]);
  });
});
