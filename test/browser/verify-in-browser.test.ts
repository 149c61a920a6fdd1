/**
 * "Verify this election in my browser" in Chromium, on a real published election served by the
 * real server (in-process, SQLite, built pages from dist/web): the full verifier runs in Web Workers
 * (two, so the ballots are split between them), shows its progress (events read, ballots checked of
 * the total), every check passes and the result recomputed from the archive is the one published.
 * Served a tampered archive (playwright rewrites the archive's answer: one ballot's proof, or the
 * result), it fails naming the check. axe-core finds no violation, in English and French, in both
 * states; the French one on a 360 px screen. An archive that cannot be downloaded, or a worker that
 * cannot start, gives a plain message and the button to retry. Screenshots: test-artifacts/verify-in-browser/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Tampering, tamperArchive } from '../support/tamper-archive.js';
import { archivePath } from '../support/vectors.js';
import {
  artifactDir,
  axeProblems,
  CHROMIUM,
  ensurePages,
  TestBrowser,
  watchProblems,
} from '../world/browser.js';
import {
  advance,
  ballotOf,
  draftElection,
  organisationWithAdmin,
  type TestElection,
} from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

/** A verification of a few BELENIOS-2048 ballots with BigInt in a busy browser: seconds, not minutes. */
const DONE = { timeout: 120_000, interval: 250 };
const SCREENSHOTS = artifactDir('verify-in-browser');
const NO_SHUFFLE = join(import.meta.dirname, '..', 'fixtures', 'nh-no-shuffle');
const SHUFFLES = join(import.meta.dirname, '..', 'fixtures', 'shuffles');
const noShuffleArchive = () =>
  new Uint8Array(readFileSync(join(NO_SHUFFLE, readdirSync(NO_SHUFFLE).find((f) => f.endsWith('.bel'))!)));

describe.skipIf(!existsSync(CHROMIUM))('verifying an election in the browser', () => {
  let server: ListeningServer;
  let origin: string;
  let browser: TestBrowser;
  let election: TestElection;
  let ballots: number;
  const problems: string[] = [];

  beforeAll(async () => {
    await ensurePages('election');
    server = await startTestServer({ mode: 'listen' });
    origin = server.url;
    const { organisationId, admin } = await organisationWithAdmin(server, 'Verify org');
    election = await draftElection(server, organisationId, admin, {
      voters: 3,
      name: 'Congrès 2032',
      csv: [
        'voter1@example.org,voter1,1,Voter 1',
        'voter2@example.org,voter2,2,Voter 2',
        'voter3@example.org,voter3,3,Voter 3',
      ].join('\n'),
    });
    await server.elections.open(election.id, admin);
    const votes: [number, number[][]][] = [
      [
        0,
        [
          [0, 0, 1],
          [0, 0, 0, 1],
        ],
      ],
      [
        0,
        [
          [1, 0, 0],
          [0, 1, 0, 0],
        ],
      ],
      [
        1,
        [
          [0, 1, 0],
          [0, 1, 1, 0],
        ],
      ],
      [
        2,
        [
          [1, 0, 0],
          [1, 0, 0, 0],
        ],
      ],
    ];
    for (const [voter, plaintext] of votes) {
      const v = election.voters[voter]!;
      await server.elections.castBallot(election.id, v.id, await ballotOf(server, election.id, v, plaintext));
    }
    ballots = votes.length;
    await advance(server, election, admin, 'published');
    browser = await TestBrowser.launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(
    options: {
      width?: number;
      locale?: string;
      workers?: number;
      tamper?: Tampering;
      /** Another archive served in place of the election's. */
      serve?: Uint8Array;
    } = {},
  ): Promise<Page> {
    const page = await browser.page({ width: options.width ?? 1280, locale: options.locale });
    watchProblems(page, problems);
    if (options.tamper) {
      const how = options.tamper;
      await page.route(`**/api/v1/elections/${election.id}/archive.bel`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({
          response,
          body: Buffer.from(tamperArchive(new Uint8Array(await response.body()), how)),
        });
      });
    }
    if (options.serve) {
      const body = Buffer.from(options.serve);
      await page.route(`**/api/v1/elections/${election.id}/archive.bel`, (route) =>
        route.fulfill({ status: 200, contentType: 'application/x-tar', body }),
      );
    }
    const query = options.workers ? `?verify-workers=${options.workers}` : '';
    await page.goto(`${origin}/elections/${election.id}${query}`);
    await page.locator('#browser-verify-start').waitFor();
    return page;
  }

  /** Clicks the button and waits for the verdict; returns every progress line the page showed. */
  async function verify(page: Page): Promise<string[]> {
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const lines = document.getElementById('browser-verify-progress');
        if (lines) seen.push(...[...lines.children].map((p) => p.textContent ?? ''));
      }).observe(document.getElementById('browser-verify')!, {
        childList: true,
        subtree: true,
        characterData: true,
      });
    });
    await page.locator('#browser-verify-start').click();
    await expect
      .poll(() => page.locator('#browser-verify-outcome').getAttribute('data-outcome'), DONE)
      .toMatch(/pass|fail|unsupported/);
    return page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  }

  const statuses = (page: Page) =>
    page
      .locator('#browser-verify-checks tbody tr')
      .evaluateAll((rows) =>
        Object.fromEntries(rows.map((r) => [r.getAttribute('data-check'), r.getAttribute('data-status')])),
      );

  const resultColumns = (page: Page, question: number) =>
    page
      .locator(`#browser-verify-result-${question} tbody tr`)
      .evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')),
      );

  it('verifies the real election on two workers: every check passes, the recomputed result is the published one', async () => {
    const page = await open({ workers: 2 });
    // The page points to the single-file verifier and belenios-tool, never to `npx`.
    expect(await page.locator('#command-scrutin').textContent()).toBe(
      `node scrutin-verify.mjs election-${election.id}`,
    );
    expect(await page.locator('#command-belenios').textContent()).toBe(
      `belenios-tool election verify --dir election-${election.id}`,
    );
    expect(await page.locator('main').textContent()).not.toContain('npx');
    expect(await page.locator('#browser-verify-start').textContent()).toBe(
      'Verify this election in my browser',
    );

    const progress = await verify(page);
    expect(progress).toContain('On 2 workers in parallel.');
    expect(progress.some((line) => /^Events read: \d+$/.test(line))).toBe(true);
    expect(progress).toContain(`Ballots checked: ${ballots} of ${ballots}`);
    expect(progress.filter((line) => line.startsWith('Ballots checked: ')).length).toBeGreaterThan(1);

    expect(await page.locator('#browser-verify-outcome').textContent()).toMatch(
      /^All checks passed \(in \d+\.\d s\)\.$/,
    );
    expect(await statuses(page)).toEqual({
      archive: 'pass',
      chain: 'pass',
      setup: 'pass',
      trustees: 'pass',
      credentials: 'pass',
      ballots: 'pass',
      'encrypted-tally': 'pass',
      shuffles: 'not-applicable',
      'partial-decryptions': 'pass',
      result: 'pass',
    });
    expect(
      await page.locator('#browser-verify-checks tr[data-check="ballots"] td.number').textContent(),
    ).toBe(String(ballots));
    // Issue 16: a check that counts no items shows a dash, not "0 items checked".
    expect(
      await page.locator('#browser-verify-checks tr[data-check="archive"] td.number').textContent(),
    ).toBe('—');
    // Weighted: Q1 Alice 1 + 3, Bruno 2; Q2 blank 3, A 1 + 2, B 2 — recomputed beside published.
    expect(await resultColumns(page, 0)).toEqual([
      ['Alice Martin', '4', '4', 'Yes'],
      ['Bruno Diallo', '2', '2', 'Yes'],
      ['Chloé Nguyen', '0', '0', 'Yes'],
    ]);
    expect(await resultColumns(page, 1)).toEqual([
      ['Budget A', '3', '3', 'Yes'],
      ['Budget B', '2', '2', 'Yes'],
      ['Budget C', '0', '0', 'Yes'],
      ['Blank vote', '3', '3', 'Yes'],
    ]);
    expect(await page.locator('#browser-verify-result-summary').getAttribute('data-same')).toBe('yes');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('browser-verify-outcome');
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'passed-en-1280.png'), fullPage: true });

    // Switching language keeps the verdict, now in French; still no violation.
    await page.getByRole('button', { name: 'Français' }).click();
    expect(await page.locator('#browser-verify-outcome').textContent()).toMatch(
      /^Toutes les vérifications réussissent \(en \d+,\d\u00a0s\)\.$/,
    );
    expect(await axeProblems(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it.each<[Tampering, string, string]>([
    ['ballot', 'ballots', 'Ballots (signatures and proofs)'],
    ['result', 'result', 'Result'],
  ])('fails on an archive with a tampered %s, naming the %s check', async (how, check, label) => {
    const page = await open({ tamper: how });
    await verify(page);
    const outcome = page.locator('#browser-verify-outcome');
    expect(await outcome.getAttribute('data-outcome')).toBe('fail');
    expect(await outcome.getAttribute('data-check')).toBe(check);
    expect(await outcome.textContent()).toBe(`Verification failed: the “${label}” check does not pass.`);
    expect((await statuses(page))[check]).toBe('fail');
    expect(await page.locator('#browser-verify-detail').textContent()).toMatch(
      how === 'ballot' ? /invalid zero-knowledge proof/ : /result does not match the decryption/,
    );
    // A failed board shows no "verified" result.
    expect(await page.locator('#browser-verify-result-summary').count()).toBe(0);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, `failed-${how}-en-1280.png`), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('fails an archive whose non-homomorphic ciphertexts are decrypted without a shuffle, naming the check', async () => {
    const page = await open({ serve: noShuffleArchive() });
    await verify(page);
    const outcome = page.locator('#browser-verify-outcome');
    expect(await outcome.getAttribute('data-outcome')).toBe('fail');
    expect(await outcome.getAttribute('data-check')).toBe('shuffles');
    expect(await outcome.textContent()).toBe('Verification failed: the “Shuffles” check does not pass.');
    expect((await statuses(page)).shuffles).toBe('fail');
    expect(await page.locator('#browser-verify-detail').textContent()).toMatch(/decrypted without a shuffle/);
    expect(await page.locator('#browser-verify-result-summary').count()).toBe(0);
    await page.context().close();
  });

  it('checks the shuffles of the mixnet vector (two by belenios-tool): every check passes; a tampered shuffle fails naming the check, in EN and FR', async () => {
    const page = await open({ serve: new Uint8Array(readFileSync(archivePath('RFC-3526-2048-nh-mixnet'))) });
    await verify(page);
    const outcome = page.locator('#browser-verify-outcome');
    expect(await outcome.getAttribute('data-outcome')).toBe('pass');
    expect((await statuses(page)).shuffles).toBe('pass');
    expect(
      await page.locator('#browser-verify-checks tr[data-check="shuffles"] td.number').textContent(),
    ).toBe('2');
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'shuffles-verified-en-1280.png'), fullPage: true });
    await page.context().close();

    const tampered = await open({
      serve: new Uint8Array(readFileSync(join(SHUFFLES, 'invalid-shuffle-tampered-proof.bel'))),
    });
    await verify(tampered);
    const failed = tampered.locator('#browser-verify-outcome');
    expect(await failed.getAttribute('data-outcome')).toBe('fail');
    expect(await failed.getAttribute('data-check')).toBe('shuffles');
    expect(await failed.textContent()).toMatch(/“Shuffles”/);
    expect((await statuses(tampered)).shuffles).toBe('fail');
    expect(await tampered.locator('#browser-verify-result-summary').count()).toBe(0);
    expect(await axeProblems(tampered)).toEqual([]);
    await tampered.screenshot({ path: join(SCREENSHOTS, 'shuffle-tampered-en-1280.png'), fullPage: true });
    await tampered.getByRole('button', { name: 'Français' }).click();
    expect(await failed.textContent()).toMatch(/^Échec de la vérification/);
    expect(problems).toEqual([]);
    await tampered.context().close();
  });

  it('in French on a 360 px screen: the failure names the check, and a clean run passes; no violation in either', async () => {
    const page = await open({ tamper: 'result', width: 360, locale: 'fr-FR' });
    expect(await page.locator('#browser-verify-start').textContent()).toBe(
      'Vérifier cette élection dans mon navigateur',
    );
    await verify(page);
    expect(await page.locator('#browser-verify-outcome').textContent()).toBe(
      'Échec de la vérification\u00a0: le contrôle «\u00a0Résultat\u00a0» ne passe pas.',
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'failed-result-fr-360.png'), fullPage: true });
    await page.context().close();

    const clean = await open({ width: 360, locale: 'fr-FR', workers: 1 });
    const progress = await verify(clean);
    expect(progress).toContain('Sur 1 processus de calcul.');
    expect(await clean.locator('#browser-verify-outcome').getAttribute('data-outcome')).toBe('pass');
    expect(await clean.locator('#browser-verify-result-summary').textContent()).toBe(
      'Le résultat recalculé depuis l’archive est bien celui publié.',
    );
    // The button is reachable and usable with the keyboard alone.
    await clean.locator('#browser-verify-start').focus();
    await clean.keyboard.press('Enter');
    await expect
      .poll(() => clean.locator('#browser-verify-outcome').getAttribute('data-outcome'), DONE)
      .toBe('pass');
    expect(await clean.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeProblems(clean)).toEqual([]);
    await clean.screenshot({ path: join(SCREENSHOTS, 'passed-fr-360.png'), fullPage: true });
    expect(problems).toEqual([]);
    await clean.context().close();
  });
  it('says so plainly when the archive cannot be downloaded or the worker cannot start, and lets the user retry', async () => {
    const page = await open();
    await page.route(`**/api/v1/elections/${election.id}/archive.bel`, (route) =>
      route.abort('connectionreset'),
    );
    await verify(page);
    expect(await page.locator('#browser-verify-outcome').textContent()).toBe(
      'The archive could not be downloaded. Check your connection and try again.',
    );
    expect(await page.locator('#browser-verify-start').textContent()).toBe('Verify again');
    await page.unroute(`**/api/v1/elections/${election.id}/archive.bel`);
    await page
      .context()
      .route('**/assets/verify-worker-*.js', (route) => route.fulfill({ status: 404, body: '' }));
    await verify(page);
    expect(await page.locator('#browser-verify-outcome').textContent()).toMatch(
      /^The verifier stopped unexpectedly: /,
    );
    expect(await page.locator('#browser-verify-outcome').getAttribute('data-outcome')).toBe('fail');
    expect(await axeProblems(page)).toEqual([]);
    await page.context().close();
    // The failed requests above were wanted: their console errors are not problems of the page.
    problems.length = 0;
  });
});
