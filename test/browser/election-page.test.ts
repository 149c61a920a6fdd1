/**
 * The public election page in Chromium against the real server (in-process, SQLite, built pages
 * from dist/web), signed in as nobody: a published weighted election shows its result (weighted
 * counts, shares, bars), finds a tracker from the booth's link (`#tracker=…`) and from the form,
 * tells a replaced ballot from the counted one and an unknown tracker from both, shows the sealed
 * fingerprints the API gives and the commands to verify the archive it links to (which
 * belenios-tool accepts, when installed); in French on a 360 px screen; an open election shows its
 * closing time in its own time zone; an annulled one says so and why. axe-core finds no violation.
 * Screenshots: test-artifacts/election/.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardLink } from '../../src/web/booth/screens/confirmation.js';
import { beleniosTool, hasBeleniosTool, tempDir } from '../support/tools.js';
import {
  artifactDir,
  axeProblems,
  CHROMIUM,
  clearAnnouncements,
  ensurePages,
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

const SCREENSHOTS = artifactDir('election');

const rowsOf = (page: Page, question: number) =>
  page
    .locator(`#result-table-${question} tbody tr`)
    .evaluateAll((rows) =>
      rows.map((row) =>
        [...row.querySelectorAll('th, td')].slice(0, 3).map((cell) => cell.textContent?.trim() ?? ''),
      ),
    );

describe.skipIf(!existsSync(CHROMIUM))('public election page in Chromium', () => {
  let server: ListeningServer;
  let origin: string;
  let browser: TestBrowser;
  let organisationId: string;
  let admin: TestAccount;
  let published: TestElection;
  /** Voter 1's first ballot (replaced by a second one) and the ballots that count. */
  let replacedTracker: string;
  let countedTrackers: string[];
  const problems: string[] = [];

  beforeAll(async () => {
    await ensurePages('election');
    server = await startTestServer({ mode: 'listen' });
    origin = server.url;
    ({ organisationId, admin } = await organisationWithAdmin(server, 'Public page org'));

    // Weights 1, 2 and 3; voter 1 votes twice (only the second ballot counts).
    published = await draftElection(server, organisationId, admin, {
      voters: 3,
      name: 'Congrès 2031',
      csv: [
        'voter1@example.org,voter1,1,Voter 1',
        'voter2@example.org,voter2,2,Voter 2',
        'voter3@example.org,voter3,3,Voter 3',
      ].join('\n'),
    });
    await server.elections.open(published.id, admin);
    const cast = async (voter: number, plaintext: number[][]) =>
      (
        await server.elections.castBallot(
          published.id,
          published.voters[voter]!.id,
          await ballotOf(server, published.id, published.voters[voter]!, plaintext),
        )
      ).tracker;
    replacedTracker = await cast(0, [
      [0, 0, 1],
      [0, 0, 0, 1],
    ]);
    countedTrackers = [
      await cast(0, [
        [1, 0, 0],
        [0, 1, 0, 0],
      ]),
      await cast(1, [
        [0, 1, 0],
        [0, 1, 1, 0],
      ]),
      await cast(2, [
        [1, 0, 0],
        [1, 0, 0, 0],
      ]),
    ];
    await advance(server, published, admin, 'published');

    browser = await TestBrowser.launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, options: { width?: number; locale?: string } = {}): Promise<Page> {
    const page = await browser.page({ width: options.width ?? 1280, locale: options.locale });
    watchProblems(page, problems);
    await page.goto(`${origin}${path}`);
    await page.locator('#election-heading').waitFor();
    return page;
  }

  it('shows the published result with weights, shares and bars, and finds the tracker of the booth’s link', async () => {
    const tracker = countedTrackers[1]!;
    // The very link the booth's confirmation screen shows.
    const page = await open(boardLink(published.id, tracker));
    expect(await page.locator('h1').textContent()).toBe('Congrès 2031');
    await expect.poll(() => page.locator('#tracker-result').getAttribute('data-result')).toBe('counted');
    expect(await page.locator('#tracker-input').inputValue()).toBe(tracker);
    expect(await page.locator('#tracker-result').textContent()).toBe(
      'This ballot is on the public ballot board, and it is the one that counts.',
    );
    expect(await page.locator('#election-state').textContent()).toContain('The result is published.');
    expect(await page.locator('#turnout').textContent()).toBe('3 voters have voted, out of 3.');
    expect(await page.locator('#result-totals').textContent()).toBe(
      '3 ballots counted, with a total weight of 6. Shares are of the weight of the ballots counted.',
    );
    // Q1 weighted: 1 + 3 for Alice, 2 for Bruno; Q2: blank 3, A 1 + 2, B 2.
    expect(await rowsOf(page, 0)).toEqual([
      ['Alice Martin', '4', '66.7%'],
      ['Bruno Diallo', '2', '33.3%'],
      ['Chloé Nguyen', '0', '0.0%'],
    ]);
    expect(await rowsOf(page, 1)).toEqual([
      ['Budget A', '3', '50.0%'],
      ['Budget B', '2', '33.3%'],
      ['Budget C', '0', '0.0%'],
      ['Blank vote', '3', '50.0%'],
    ]);
    expect(await page.locator('#result-table-0 thead th').nth(1).textContent()).toBe('Votes (weighted)');
    const bars = await page
      .locator('#result-table-0 rect.bar-fill')
      .evaluateAll((rects) => rects.map((r) => r.getAttribute('width')));
    expect(bars.map(Number)).toEqual([66.6666, 33.3333, 0]);
    expect(await page.locator('[style]').count()).toBe(0);

    // The sealed fingerprints are the API's, and the archive link serves a verifiable archive.
    const summary = (await new Client(server.app).get(`/api/v1/elections/${published.id}`)).json;
    expect(await page.locator('#seal-election').textContent()).toBe(summary.sealed.election);
    expect(await page.locator('#seal-trustees').textContent()).toBe(summary.sealed.trustees);
    expect(await page.locator('#seal-credentials').textContent()).toBe(summary.sealed.credentials);
    expect(await page.locator('#command-belenios').textContent()).toBe(
      `belenios-tool election verify --dir election-${published.id}`,
    );
    expect(await page.locator('#command-scrutin').textContent()).toBe(
      `node scrutin-verify.mjs election-${published.id}`,
    );
    expect(await page.locator('#board-verification').textContent()).toMatch(
      /^The server’s own verifier has checked the \d+ events of the board: all checks pass\./,
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#archive-link').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${published.id}.bel`);
    if (hasBeleniosTool) {
      const dir = tempDir('election-page');
      writeFileSync(join(dir, `${published.id}.bel`), readFileSync((await download.path())!));
      expect(beleniosTool(['election', 'verify', '--dir', dir]).stderr).toContain('all checks passed');
    }
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'published-en-1280.png'), fullPage: true });

    // The form: a replaced ballot, an unknown tracker, nothing typed.
    await page.locator('#tracker-input').fill(` ${replacedTracker} `);
    await page.locator('#tracker-search').click();
    await expect.poll(() => page.locator('#tracker-result').getAttribute('data-result')).toBe('replaced');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tracker-result');
    expect(page.url()).toBe(
      `${origin}/elections/${published.id}#tracker=${encodeURIComponent(replacedTracker)}`,
    );
    await page.locator('#tracker-input').fill('NotATrackerOnThisBoard');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#tracker-result').getAttribute('data-result')).toBe('absent');
    expect(await page.locator('#tracker-result').textContent()).toContain(
      'No ballot with this tracking number',
    );
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'tracker-absent-en-1280.png'), fullPage: true });
    await page.locator('#tracker-input').fill('');
    await clearAnnouncements(page);
    await page.locator('#tracker-search').click();
    await expect.poll(() => page.locator('#page-alert').textContent()).toBe('Enter a tracking number.');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('reads in French on a 360 px screen, and switches language with the keyboard', async () => {
    const tracker = countedTrackers[0]!;
    const page = await open(`/elections/${published.id}#tracker=${encodeURIComponent(tracker)}`, {
      width: 360,
      locale: 'fr-FR',
    });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expect
      .poll(() => page.locator('#tracker-result').textContent())
      .toBe('Ce bulletin est sur le tableau d’affichage public, et c’est lui qui compte.');
    expect(await page.locator('#result-heading').textContent()).toBe('Résultat');
    const blankRow = (await rowsOf(page, 1))[3]!;
    expect(blankRow.slice(0, 2)).toEqual(['Vote blanc', '3']);
    expect(blankRow[2]).toMatch(/^50,0\s%$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'published-fr-360.png'), fullPage: true });
    // The language buttons come first in the tab order.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Français');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await page.locator('#result-heading').textContent()).toBe('Result');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.evaluate(() => localStorage.getItem('scrutin.language'))).toBe('en');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows an open election’s closing time in its time zone, and why an election was annulled', async () => {
    const open1 = await draftElection(server, organisationId, admin, { voters: 2, name: 'Vote ouvert' });
    // Issue 15: one voter re-weighted after credentials were issued, counted with the login.
    const asAdmin = await signedIn(server.app, admin);
    const weighed = await asAdmin.post(`/api/v1/elections/${open1.id}/voters/${open1.voters[1]!.id}/weight`, {
      weight: '2',
    });
    expect(weighed.status).toBe(200);
    await server.elections.setSchedule(open1.id, admin, {
      opensAt: null,
      closesAt: '2031-03-14T17:00:00Z',
      timeZone: 'Europe/Paris',
    });
    await advance(server, open1, admin, 'open');
    const page = await open(`/elections/${open1.id}`);
    expect(await page.locator('#election-state').textContent()).toContain('Voting is open.');
    expect(await page.locator('#roll-changes').textContent()).toBe(
      'Changes to the roll after credentials were issued: 1 — Logins concerned: voter2',
    );
    expect(await page.locator('dd').first().textContent()).toMatch(/^Friday,? 14 March 2031.* 18:00 CET$/);
    expect(await page.locator('#result').count()).toBe(0);
    expect(await page.locator('#questions-heading').textContent()).toBe('Questions');
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'open-en-1280.png'), fullPage: true });
    await page.context().close();

    const annulled = await draftElection(server, organisationId, admin, { voters: 1, name: 'Vote annulé' });
    await advance(server, annulled, admin, 'open');
    await server.elections.annul(annulled.id, admin, 'The voter roll omitted a whole federation.');
    const annulledPage = await open(`/elections/${annulled.id}`);
    expect(await annulledPage.locator('#annulment').textContent()).toBe(
      'This election has been annulled.Reason given by the organisers: The voter roll omitted a whole federation.',
    );
    expect(await axeProblems(annulledPage)).toEqual([]);
    await annulledPage.screenshot({ path: join(SCREENSHOTS, 'annulled-en-1280.png'), fullPage: true });
    await annulledPage.context().close();

    const missing = await open('/elections/NoSuchE1ection99');
    expect(await missing.locator('#page-content').textContent()).toContain(
      'This election does not exist or is not public yet.',
    );
    await missing.context().close();
    // Chromium logs the 404 of the missing election's API call as a failed load; nothing else.
    expect(problems.filter((p) => !p.startsWith('Failed to load resource'))).toEqual([]);
  });
});
