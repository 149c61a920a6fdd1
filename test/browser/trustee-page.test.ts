/**
 * The trustee page in Chromium against the real server (in-process, SQLite, built pages from
 * dist/web): a Single trustee makes a key pair in the page, keeps the downloaded private key and
 * sends only the public part, then at tally time loads the file and sends a partial decryption the
 * server accepts; three threshold trustees run the Pedersen 2-of-3 key establishment in their
 * browsers (one of them from the file it saved, after a reload), two of them decrypt, and the
 * published result counts every vote. Every request the browsers made, and the server's logs, are
 * searched for the private keys; axe-core finds no violation. Screenshots: test-artifacts/trustee/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifactDir,
  axeProblems,
  CHROMIUM,
  ensurePages,
  TestBrowser,
  watchProblems,
} from '../world/browser.js';
import { Client, signedIn } from '../world/client.js';
import {
  addAccount,
  advance,
  draftElection,
  organisationWithAdmin,
  type TestAccount,
} from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

const SCREENSHOTS = artifactDir('trustee');

/** Votes of the three scenario voters (demo questions: one of 3; 1–2 of 3 or blank, blank first). */
const VOTES = [
  [
    [1, 0, 0],
    [0, 1, 0, 0],
  ],
  [
    [0, 1, 0],
    [0, 1, 1, 0],
  ],
  [
    [1, 0, 0],
    [1, 0, 0, 0],
  ],
];
const EXPECTED_RESULT = [
  [2, 1, 0],
  [1, 2, 1, 0],
];

interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Everything the browser sent: method, URL, headers and body. */
  readonly sent: string[];
  readonly problems: string[];
}

describe.skipIf(!existsSync(CHROMIUM))('trustee page in Chromium', () => {
  let server: ListeningServer;
  let origin: string;
  let browser: TestBrowser;
  let organisationId: string;
  let admin: TestAccount;
  const sessions: Session[] = [];

  beforeAll(async () => {
    // `npm test` builds the pages first; a tree where they were never built gets them here.
    await ensurePages('trustee');
    server = await startTestServer({ mode: 'listen' });
    origin = server.url;
    ({ organisationId, admin } = await organisationWithAdmin(server, 'Trustee page org'));
    browser = await TestBrowser.launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, options: { width?: number; locale?: string } = {}): Promise<Session> {
    const page = await browser.page({ width: options.width ?? 1280, locale: options.locale });
    const context = page.context();
    const sent: string[] = [];
    const problems: string[] = [];
    context.on('request', (request) => {
      sent.push(
        `${request.method()} ${request.url()}\n${JSON.stringify(request.headers())}\n${request.postData() ?? ''}`,
      );
    });
    // Refusals the test provokes on purpose are logged by Chromium as failed loads.
    watchProblems(page, problems, (message) => message.text().startsWith('Failed to load resource'));
    await page.goto(`${origin}${path}`);
    const session = { context, page, sent, problems };
    sessions.push(session);
    return session;
  }

  async function signIn(page: Page, account: TestAccount): Promise<void> {
    await page.locator('#email').fill(account.email);
    await page.locator('#password').fill(account.password);
    await page.locator('#sign-in').click();
    await page.locator('#trustee-heading', { hasText: /tasks|tâches/ }).waitFor();
  }

  /** Clicks a download link and returns the file's name and content. */
  async function downloadFile(page: Page, selector: string): Promise<{ name: string; content: string }> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
    return { name: download.suggestedFilename(), content: readFileSync((await download.path())!, 'utf8') };
  }

  /** Waits for the page to show `selector`: "Check again" when offered (the page also polls by itself). */
  async function nextStep(page: Page, selector: string): Promise<void> {
    await page
      .locator('#threshold-refresh')
      .click({ timeout: 1000 })
      .catch(() => undefined);
    await page.locator(selector).waitFor({ timeout: 15_000 });
  }

  async function outcome(page: Page, pattern: RegExp): Promise<void> {
    await page.locator('#outcome', { hasText: pattern }).waitFor({ timeout: 30_000 });
  }

  async function expectNoViolations(page: Page): Promise<void> {
    expect(await axeProblems(page)).toEqual([]);
  }

  function expectNeverSent(secrets: string[]): void {
    const everything = [...sessions.flatMap((s) => s.sent), ...server.logs];
    for (const text of everything) for (const secret of secrets) expect(text).not.toContain(secret);
  }

  it('a Single trustee makes the key pair in the page, keeps the private key, and decrypts from the file', async () => {
    const trustee = await addAccount(server, 'single-trustee');
    const election = await draftElection(server, organisationId, admin, { voters: 3, serverKey: false });
    await server.store.elections.addRole({ electionId: election.id, accountId: trustee.id, role: 'trustee' });

    const { page, problems } = await open(`/trustee/${election.id}`);
    await page.locator('#trustee-heading', { hasText: 'Sign in as a trustee' }).waitFor();
    await expectNoViolations(page);
    await page.locator('#sign-in').click();
    await expect
      .poll(() => page.locator('#page-alert').textContent())
      .toBe('Enter your email address and your password.');
    await signIn(page, trustee);
    expect(await page.locator('#election-state').textContent()).toContain('being prepared');
    await page.screenshot({ path: join(SCREENSHOTS, 'single-1-draft.png'), fullPage: true });

    await page.locator('#single-generate').click();
    const keyId = (await page.locator('#single-key-id').textContent())!;
    expect(keyId).toMatch(/^[0-9A-F]{8}$/);
    // Sending before confirming the file is saved is refused, and nothing is sent.
    await page.locator('#single-upload').click();
    await expect
      .poll(() => page.locator('#page-alert').textContent())
      .toContain('Save your private key file first');
    expect((await server.store.trustees.list(election.id)).length).toBe(0);
    const privateFile = await downloadFile(page, '#single-download');
    expect(privateFile.name).toBe(`${keyId}.privkey`);
    expect(privateFile.content).toMatch(/^"[0-9]+"\n$/);
    const x = privateFile.content.trim().slice(1, -1);
    await expectNoViolations(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'single-2-generated.png'), fullPage: true });
    await page.locator('#single-saved').check();
    await page.locator('#single-upload').click();
    await outcome(page, /public key has been registered/);
    expect(await page.locator('#key-id').textContent()).toBe(keyId);
    const [row] = await server.store.trustees.list(election.id);
    expect(row).toMatchObject({ kind: 'single', accountId: trustee.id });
    expect(await page.locator('#key-fingerprint').textContent()).toMatch(/^[A-Za-z0-9+/]{43}$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'single-3-registered.png'), fullPage: true });

    // Voting, closing and the encrypted tally happen elsewhere; the trustee comes back with the file.
    await advance(server, election, admin, 'tallied', VOTES);
    const later = await open(`/trustee/${election.id}`, { width: 360, locale: 'fr-FR' });
    await later.page.locator('#trustee-heading', { hasText: 'Connexion garant' }).waitFor();
    // Keyboard only: the heading has the focus, the email field comes next.
    await expect.poll(() => later.page.evaluate(() => document.activeElement?.id)).toBe('trustee-heading');
    await later.page.keyboard.press('Tab');
    expect(await later.page.evaluate(() => document.activeElement?.id)).toBe('email');
    await later.page.keyboard.type(trustee.email);
    await later.page.keyboard.press('Tab');
    await later.page.keyboard.type(trustee.password);
    await later.page.keyboard.press('Enter');
    await later.page.locator('#trustee-heading', { hasText: 'Vos tâches' }).waitFor();
    expect(await later.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await later.page.locator('#decrypt-send').click();
    await expect
      .poll(() => later.page.locator('#decrypt-key-file-error').textContent())
      .toContain('Choisissez');
    await later.page
      .locator('#decrypt-key-file')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect
      .poll(() => later.page.locator('#decrypt-key-file-error').textContent())
      .toContain('n’est pas un fichier de clé');
    await later.page.locator('#decrypt-key-file').setInputFiles({
      name: privateFile.name,
      mimeType: 'text/plain',
      buffer: Buffer.from(privateFile.content),
    });
    await expectNoViolations(later.page);
    await later.page.screenshot({ path: join(SCREENSHOTS, 'single-4-decrypt-fr-360.png'), fullPage: true });
    await later.page.locator('#decrypt-send').click();
    await outcome(later.page, /vérifié et accepté/);
    expect(await later.page.locator('#decrypt-done').isVisible()).toBe(true);
    await later.page.screenshot({ path: join(SCREENSHOTS, 'single-5-decrypted-fr-360.png'), fullPage: true });
    await later.page.locator('#sign-out').click();
    await later.page.locator('#trustee-heading', { hasText: 'Connexion garant' }).waitFor();
    // The session is over on the server too: a reload asks to sign in again.
    await later.page.reload();
    await later.page.locator('#email').waitFor();

    await server.elections.publish(election.id, admin);
    const published = await new Client(server.app).get(`/api/v1/elections/${election.id}`);
    expect(published.json.result).toEqual(EXPECTED_RESULT);
    expectNeverSent([x]);
    expect([...problems, ...later.problems]).toEqual([]);
  });

  it('three threshold trustees establish a 2-of-3 key in their browsers; two decrypt and the result is published', async () => {
    const accounts = [
      await addAccount(server, 'threshold-1'),
      await addAccount(server, 'threshold-2'),
      await addAccount(server, 'threshold-3'),
    ];
    const election = await draftElection(server, organisationId, admin, { voters: 3, serverKey: false });
    const adminClient = await signedIn(server.app, admin);
    const declared = await adminClient.post(`/api/v1/elections/${election.id}/trustees/threshold`, {
      threshold: 2,
      trustees: accounts.map((a, i) => ({ displayName: `Trustee ${i + 1}`, accountId: a.id })),
    });
    expect(declared.status).toBe(201);

    const pages: Page[] = [];
    const keyFiles: { name: string; content: string }[] = [];
    for (const [i, account] of accounts.entries()) {
      const { page } = await open(`/trustee/${election.id}`);
      await signIn(page, account);
      await page.locator('#threshold-generate').click();
      const file = await downloadFile(page, '#threshold-key-download');
      expect(file.name).toMatch(/^[0-9a-f]{64}\.key$/);
      expect(file.content).toMatch(/^[1-9A-HJ-NP-Za-km-z]{22}\n$/);
      keyFiles.push(file);
      if (i === 0) {
        await expectNoViolations(page);
        await page.screenshot({ path: join(SCREENSHOTS, 'threshold-1-key-file.png'), fullPage: true });
      }
      await page.locator('#threshold-key-saved').check();
      await page.locator('#threshold-send-cert').click();
      await outcome(page, /certificate has been registered/);
      if (i === 0)
        expect(await page.locator('#threshold-certificates-state').textContent()).toBe(
          'waiting for Trustee 2, Trustee 3',
        );
      pages.push(page);
    }

    // Trustee 3 comes back later: the seed is no longer in memory and is read from the saved file.
    const reopen = async (i: number) => {
      await pages[i]!.reload();
      await pages[i]!.locator('#trustee-heading').waitFor();
    };
    for (const [i, page] of pages.entries()) {
      if (i === 2) {
        await reopen(2);
        await page.locator('#threshold-key-file').setInputFiles({
          name: keyFiles[0]!.name,
          mimeType: 'text/plain',
          buffer: Buffer.from(keyFiles[0]!.content),
        });
        await expect
          .poll(() => page.locator('#threshold-key-file-error').textContent())
          .toContain(`choose ${keyFiles[2]!.name}`);
        await page.locator('#threshold-key-file').setInputFiles({
          name: keyFiles[2]!.name,
          mimeType: 'text/plain',
          buffer: Buffer.from(keyFiles[2]!.content),
        });
        await page.locator('#threshold-key-loaded').waitFor();
      } else {
        await nextStep(page, '#threshold-send-polynomial');
      }
      if (i === 0)
        await page.screenshot({ path: join(SCREENSHOTS, 'threshold-2-polynomial.png'), fullPage: true });
      await page.locator('#threshold-send-polynomial').click();
      await outcome(page, /polynomial has been registered/);
    }
    for (const page of pages) {
      await nextStep(page, '#threshold-send-voutput');
      await page.locator('#threshold-send-voutput').click();
      await outcome(page, /verification data has been registered/);
    }
    for (const page of pages) await nextStep(page, '#threshold-done');
    await pages[0]!.screenshot({ path: join(SCREENSHOTS, 'threshold-3-done.png'), fullPage: true });

    await advance(server, election, admin, 'tallied', VOTES);
    // Trustees 1 and 3 (any two of three) decrypt from their key files.
    for (const i of [0, 2]) {
      const page = pages[i]!;
      await page.reload();
      await page.locator('#decrypt-key-file').setInputFiles({
        name: keyFiles[i]!.name,
        mimeType: 'text/plain',
        buffer: Buffer.from(keyFiles[i]!.content),
      });
      await page.locator('#decrypt-send').click();
      await outcome(page, /checked and accepted/);
      if (i === 0) {
        await expectNoViolations(page);
        await page.screenshot({ path: join(SCREENSHOTS, 'threshold-4-decrypted.png'), fullPage: true });
      }
    }
    await server.elections.publish(election.id, admin);
    const published = await new Client(server.app).get(`/api/v1/elections/${election.id}`);
    expect(published.json.result).toEqual(EXPECTED_RESULT);
    expectNeverSent(keyFiles.map((f) => f.content.trim()));
    expect(sessions.flatMap((s) => s.problems)).toEqual([]);
  });
});
