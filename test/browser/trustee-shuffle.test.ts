/**
 * Issue 18, point 2: the trustee page shuffles in the browser. An election with a ranking question
 * (non-homomorphic questions enabled for this server only) is tallied; trustee 1 (English, 1280 px)
 * sees it is their turn, shuffles in a Web Worker with a progress bar and sends the shuffle, while
 * trustee 2 (French, 360 px) is told whose turn it is and gets their own once the page has checked
 * again; each then decrypts from their key file. No key file is read to shuffle, and no private key
 * appears in any request; the published rankings are the last shuffle's output, the archive
 * verifies; axe-core finds no violation on the shuffle screens, in English and in French. The
 * admin's page shows the turns and offers to skip the current one rather than to publish.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireGroup } from '../../src/core/group.js';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import { generateTrusteeKey, serializeTrusteePublicKey } from '../../src/protocol/setup.js';
import { verifyArchive } from '../../src/protocol/verifier.js';
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

const SCREENSHOTS = artifactDir('trustee-shuffle');
const APPROVE = { answers: ['Yes', 'No'], min: 1, max: 1, question: 'Approve the minutes?' };
const RANKING = { type: 'NonHomomorphic', value: { answers: ['Ana', 'Bo', 'Cy'], question: 'Rank them' } };
const VOTES = [
  [
    [1, 0],
    [1, 2, 3],
  ],
  [
    [0, 1],
    [3, 2, 1],
  ],
  [
    [1, 0],
    [2, 1, 3],
  ],
];

describe.skipIf(!existsSync(CHROMIUM))('trustee page shuffles in Chromium', () => {
  let server: ListeningServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    await ensurePages('trustee');
    server = await startTestServer({ mode: 'listen', config: { nonHomomorphic: true } });
    browser = await TestBrowser.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('two trustees shuffle in turn in their browsers, with a progress bar and no key, then decrypt', async () => {
    const { organisationId, admin } = await organisationWithAdmin(server, 'Shuffle org');
    const { elections } = server;
    const row = await elections.create(organisationId, admin, {
      name: 'Ranked vote',
      description: 'Ranked',
      timeZone: 'Europe/Paris',
      groupName: 'RFC-3526-2048',
    });
    const id = row.id;
    await elections.setQuestions(id, admin, [APPROVE, RANKING]);
    await elections.importVoters(
      id,
      admin,
      VOTES.map((_, i) => `v${i}@example.org,v${i},1,Voter ${i}`).join('\n'),
      'en',
    );
    const trustees: { account: TestAccount; x: string }[] = [];
    for (const label of ['first', 'second']) {
      const account = await addAccount(server, `trustee-${label}`);
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
    for (const [i, vote] of VOTES.entries())
      await elections.castBallot(id, voters[i]!.id, await ballotOf(server, id, voters[i]!, vote));
    await elections.close(id, admin);
    await elections.tally(id, admin);

    const sent: string[] = [];
    const problems: string[] = [];
    const open = async (account: TestAccount, options: { width: number; locale: string }) => {
      const page = await browser.page(options);
      page.context().on('request', (request) => sent.push(`${request.url()}\n${request.postData() ?? ''}`));
      watchProblems(page, problems);
      await page.goto(`${server.url}/trustee/${id}`);
      await page.locator('#email').fill(account.email);
      await page.locator('#password').fill(account.password);
      await page.locator('#sign-in').click();
      await page.locator('#shuffle-heading').waitFor();
      return page;
    };
    const first = await open(trustees[0]!.account, { width: 1280, locale: 'en-GB' });
    const second = await open(trustees[1]!.account, { width: 360, locale: 'fr-FR' });

    expect(await first.locator('#shuffle-turn').textContent()).toBe(
      'It is your turn to shuffle (trustee 1).',
    );
    expect(await second.locator('#shuffle-waiting').textContent()).toContain('Le garant 1 mélange');
    expect(await second.locator('#shuffle-send').count()).toBe(0);
    expect(await first.locator('#decrypt-key-file').count()).toBe(0); // decryption waits for the shuffles
    expect(await second.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeProblems(first)).toEqual([]);
    expect(await axeProblems(second)).toEqual([]);
    await first.screenshot({ path: join(SCREENSHOTS, '1-your-turn-en.png'), fullPage: true });
    await second.screenshot({ path: join(SCREENSHOTS, '1-waiting-fr-360.png'), fullPage: true });

    // The admin's page shows the trustees' turns and offers to skip the one whose turn it is, not to publish.
    const adminPage = await browser.page({ width: 1100, locale: 'en-GB' });
    watchProblems(adminPage, problems);
    await adminPage.goto(`${server.url}/admin/elections/${id}`);
    await adminPage.getByLabel('Email address').fill(admin.email);
    await adminPage.getByLabel('Password').fill(admin.password);
    await adminPage.getByRole('button', { name: 'Sign in' }).click();
    await adminPage.locator('#shuffle-status').waitFor();
    expect(await adminPage.locator('#shuffle-status li').allTextContents()).toEqual([
      'Trustee 1: their turn now',
      'Trustee 2: waiting for their turn',
    ]);
    expect(await adminPage.locator('#shuffle-skip').textContent()).toBe('Go on without trustee 1');
    expect(await adminPage.getByRole('button', { name: 'Publish the result' }).count()).toBe(0);
    expect(await axeProblems(adminPage)).toEqual([]);
    await adminPage.screenshot({ path: join(SCREENSHOTS, '0-admin-en.png'), fullPage: true });

    const shuffleHere = async (page: Page, accepted: RegExp) => {
      // Every value the progress bar takes, as the page draws it.
      await page.evaluate(() => {
        const seen: number[] = [];
        (window as unknown as { seen: number[] }).seen = seen;
        new MutationObserver(() => {
          const bar = document.getElementById('shuffle-progress');
          if (bar instanceof HTMLProgressElement) seen.push(bar.value);
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      });
      await page.keyboard.press('Tab'); // the button is reachable by keyboard
      await page.locator('#shuffle-send').focus();
      await page.keyboard.press('Enter');
      await page.locator('#outcome', { hasText: accepted }).waitFor({ timeout: 120_000 });
      const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
      expect(seen[0]).toBe(0);
      expect(Math.max(...seen)).toBe(100);
    };
    await shuffleHere(first, /Your shuffle has been checked/);
    expect(await first.locator('#shuffle-done').count()).toBe(1);
    expect((await elections.shufflePhase(id)).next).toBe(2);
    // The second trustee's page checks again by itself (or on "Vérifier à nouveau") and offers the shuffle.
    // (the page may have redrawn by itself already, taking the button away: then nothing to click)
    await second
      .locator('#shuffle-refresh')
      .click({ timeout: 1000 })
      .catch(() => undefined);
    await second.locator('#shuffle-send').waitFor({ timeout: 15_000 });
    expect(await axeProblems(second)).toEqual([]);
    await shuffleHere(second, /Votre mélange a été vérifié/);
    expect((await elections.shufflePhase(id)).ended).toBe(true);
    expect(sent.some((s) => /\/assets\/shuffle-worker-[A-Z0-9]+\.js/.test(s))).toBe(true);

    // Then each decrypts from their key file, as before.
    for (const [i, page] of [first, second].entries()) {
      await page.reload();
      await page.locator('#decrypt-key-file').waitFor();
      await page.locator('#decrypt-key-file').setInputFiles({
        name: 'key.privkey',
        mimeType: 'text/plain',
        buffer: Buffer.from(`"${trustees[i]!.x}"\n`),
      });
      await page.locator('#decrypt-send').click();
      await page.locator('#decrypt-done').waitFor({ timeout: 60_000 });
    }
    await second.screenshot({ path: join(SCREENSHOTS, '2-decrypted-fr-360.png'), fullPage: true });
    const published = await elections.publish(id, admin);
    const report = await verifyArchive(
      parseArchive(await elections.board.archive(id, published.archiveTimestamp!)),
    );
    expect(report.outcome).toBe('verified');
    const rankings = (JSON.parse(published.resultJson!).result as number[][][])[1]!;
    expect(rankings.map(String).sort()).toEqual(VOTES.map((v) => String(v[1])).sort());
    const { state } = await elections.board.state(id);
    expect(state!.shufflers).toEqual([1, 2]);

    // Shuffling read no key: the private keys never left the test, except in the decryption step's
    // file, which the page reads locally and never sends.
    for (const text of [...sent, ...server.logs]) for (const t of trustees) expect(text).not.toContain(t.x);
    expect(problems).toEqual([]);
  });
});
