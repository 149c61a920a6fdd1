/**
 * The main job, end to end: the real server (SQLite store, worker pool) with the demo election that
 * `npm start` creates; a voter follows the printed link in Chromium, signs in, votes, gets a
 * tracker; the admin closes, tallies and publishes through the API; the archive the board serves
 * passes belenios-tool and the published result counts that vote.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, type Demo } from '../../src/cli/scrutin/demo.js';
import { type RunningServer, startServer } from '../../src/cli/scrutin/serve.js';
import { webRoot } from '../../src/server/routes/static.js';
import { beleniosTool, hasBeleniosTool, ROOT, tempDir } from '../support/tools.js';
import { CHROMIUM, launchChromium } from '../world/browser.js';
import { Client, signedIn } from '../world/client.js';

const SCREENSHOTS = join(ROOT, 'test-artifacts', 'demo');

describe.skipIf(!existsSync(CHROMIUM) || !existsSync(join(webRoot(), 'booth.html')))(
  'demo election in a real browser',
  () => {
    let server: RunningServer;
    let demo: Demo;
    let browser: Browser;

    beforeAll(async () => {
      server = await startServer({
        port: 0,
        host: '127.0.0.1',
        databaseUrl: `sqlite:${join(tempDir('demo'), 'demo.db')}`,
        log: false,
      });
      demo = await createDemo(server.store, server.elections, server.url, 2);
      browser = await launchChromium();
      mkdirSync(SCREENSHOTS, { recursive: true });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('a voter votes from the printed link; the published result and the served archive verify', async () => {
      const voter = demo.voters[0]!;
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
      await page.goto(voter.link);
      await page.getByLabel('Login', { exact: true }).fill(voter.login);
      await page.getByLabel('Password', { exact: true }).fill(voter.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // The credential came in the link's fragment.
      await expect
        .poll(async () => page.getByRole('textbox', { name: 'Voting credential' }).inputValue())
        .toBe(voter.credential);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('radio', { name: 'Bruno Diallo' }).check();
      await page.getByRole('checkbox', { name: 'Budget A' }).check();
      await page.getByRole('checkbox', { name: 'Budget C' }).check();
      await page.getByRole('button', { name: 'Review my vote' }).click();
      await page.screenshot({ path: join(SCREENSHOTS, 'review.png') });
      await page.getByRole('button', { name: 'Encrypt and cast my vote' }).click();
      await page.getByRole('heading', { name: 'Your vote has been cast' }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'confirmation.png') });
      const tracker = await page.locator('#tracker').textContent();

      const anyone = new Client(server.app);
      const board = await anyone.get(`/api/v1/elections/${demo.electionId}/ballots`);
      expect(board.json.ballots.map((b: { tracker: string }) => b.tracker)).toEqual([tracker]);

      const admin = await signedIn(server.app, demo.admin);
      for (const step of ['close', 'tally', 'publish'])
        expect((await admin.post(`/api/v1/elections/${demo.electionId}/${step}`)).status).toBe(200);
      const published = await anyone.get(`/api/v1/elections/${demo.electionId}`);
      expect(published.json.result).toEqual([
        [0, 1, 0],
        [0, 1, 0, 1],
      ]);

      if (hasBeleniosTool) {
        const dir = tempDir('demo-archive');
        writeFileSync(
          join(dir, `${demo.electionId}.bel`),
          (await anyone.get(`/api/v1/elections/${demo.electionId}/archive.bel`)).body,
        );
        const verdict = beleniosTool(['election', 'verify', '--dir', dir]);
        expect(verdict.stderr).toContain('all checks passed');
      }
    });
  },
);
