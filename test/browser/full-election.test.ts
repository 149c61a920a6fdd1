/**
 * A whole election through the web pages only, in one Chromium against the real server, with a real
 * SMTP server receiving the mail: an admin adds three trustees, creates an election, writes its
 * questions, imports the voters, sets how they sign in, declares a 2-of-3 threshold group; the three
 * trustees make the election key in their browsers; the admin has the credentials generated and
 * mailed, opens; three voters vote in the booth with what they received (one in French, one on a
 * 360 px screen); the admin closes and tallies; two trustees decrypt in their browsers; the admin
 * publishes; the public page shows the result, finds each tracker, and its archive passes
 * belenios-tool. Screenshots: test-artifacts/full-election/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialIn, loginIn, passwordIn, type SmtpSink, startSmtpSink } from '../delivery/smtp-sink.js';
import { accountLinkIn } from '../support/account-links.js';
import { beleniosTool, hasBeleniosTool, tempDir } from '../support/tools.js';
import {
  artifactDir,
  canRunBrowser,
  clearAnnouncements,
  type PageOptions,
  POLL,
  reviewAndCast,
  signInOnPage,
  signInToBooth,
  TestBrowser,
} from '../world/browser.js';
import { organisationWithAdmin, type TestAccount } from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

const SHOTS = artifactDir('full-election');
const TRUSTEES = [
  { name: 'Tess Alpha', email: 'tess@example.org', password: 'tess-initial-password' },
  { name: 'Théo Beta', email: 'theo@example.org', password: 'theo-initial-password' },
  { name: 'Tina Gamma', email: 'tina@example.org', password: 'tina-initial-password' },
];
const VOTERS = [
  { login: 'ann', email: 'ann@example.org', name: 'Ann Arbor', language: 'en', locale: 'en-GB', width: 1100 },
  {
    login: 'bea',
    email: 'bea@example.org',
    name: 'Béatrice Roy',
    language: 'fr',
    locale: 'fr-FR',
    width: 1100,
  },
  {
    login: 'cid',
    email: 'cid@example.org',
    name: 'Cid Campeador',
    language: 'en',
    locale: 'en-GB',
    width: 360,
  },
] as const;

describe.skipIf(!canRunBrowser('booth', 'admin', 'trustee', 'election'))(
  'a whole election through the web pages',
  () => {
    let server: ListeningServer;
    let sink: SmtpSink;
    let browser: TestBrowser;
    let admin: TestAccount;
    let adminPage: Page;
    let electionId = '';
    const trusteePages: Page[] = [];
    const keyFiles: { name: string; content: string }[] = [];
    const trackers: string[] = [];

    const newPage = (options: PageOptions = {}) => browser.page({ timeout: 15_000, ...options });
    const status = () => adminPage.locator('#page-status');
    const confirm = async (label: string) => {
      await adminPage.getByRole('dialog').getByRole('button', { name: label }).click();
    };
    const adminAction = async (label: string, state: string) => {
      await clearAnnouncements(adminPage);
      await adminPage.getByRole('button', { name: label }).click();
      await confirm(label);
      await expect.poll(() => status().textContent(), POLL).toBe(`Done. The election is now: ${state}.`);
    };
    /** The trustee page's outcome line. */
    const outcome = (page: Page, pattern: RegExp) =>
      page.locator('#outcome', { hasText: pattern }).waitFor({ timeout: 60_000 });
    /** Waits for a trustee's next step, asking the page to check again when it offers to. */
    const nextStep = async (page: Page, button: string) => {
      const target = page.getByRole('button', { name: button });
      for (let i = 0; i < 30 && !(await target.isVisible()); i++) {
        const again = page.getByRole('button', { name: 'Check again' });
        if (await again.isVisible()) await again.click().catch(() => undefined);
        await page.waitForTimeout(500);
      }
      await target.waitFor();
    };

    beforeAll(async () => {
      // The server's own sender delivers to a real SMTP server in this process.
      sink = await startSmtpSink();
      server = await startTestServer({ mode: 'listen', label: 'full-election', smtpUrl: sink.url });
      ({ admin } = await organisationWithAdmin(server, 'Fédération des Alpes'));
      browser = await TestBrowser.launch();
      adminPage = await newPage();
    });
    afterAll(async () => {
      await browser?.close();
      await sink?.close();
      await server?.close();
    });

    it('the admin prepares the election: trustees as people, questions, voters, sign-in, a 2-of-3 threshold group', async () => {
      const page = adminPage;
      await page.goto(`${server.url}/admin`);
      await signInOnPage(page, admin);
      await page.getByRole('heading', { name: 'Your organisations' }).waitFor();
      for (const trustee of TRUSTEES) {
        await page.getByText('Add a person').click();
        await page.getByLabel('Name', { exact: true }).fill(trustee.name);
        await page.getByLabel('Email', { exact: true }).fill(trustee.email);
        await clearAnnouncements(page);
        await page.getByRole('button', { name: 'Add this person' }).click();
        await expect
          .poll(() => status().textContent(), POLL)
          .toMatch(new RegExp(`^${trustee.name} was added and sent an invitation by mail`));
      }
      // Each trustee opens the invitation they received and chooses their own password.
      for (const trustee of TRUSTEES) {
        const mail = server.mails.accepted.find((m) => m.to === trustee.email)!;
        const own = await newPage();
        await own.goto(accountLinkIn(mail.text)!);
        await own
          .getByLabel('New password (at least 10 characters, not a common one)')
          .fill(trustee.password);
        await own.getByLabel('New password again').fill(trustee.password);
        await own.getByRole('button', { name: 'Save my password' }).click();
        await own.locator('#password-set').waitFor();
      }

      await page.getByText('Create an election').click();
      await page.getByLabel('Name of the election').fill('Bureau fédéral 2026');
      await page.getByLabel('Description (shown to voters)').fill('Election of the federal bureau.');
      await page.getByLabel('Time zone of the dates').fill('Europe/Paris');
      await page.getByRole('button', { name: 'Create the election (draft)' }).click();
      await page.waitForURL(/\/admin\/elections\//);
      electionId = new URL(page.url()).pathname.split('/').pop()!;
      await page.getByRole('heading', { level: 1, name: 'Bureau fédéral 2026' }).waitFor();

      const questions = [
        {
          text: 'Who should chair the bureau?',
          answers: 'Alice Martin\nBruno Diallo\nChloé Nguyen',
          min: '1',
          max: '1',
          blank: false,
        },
        {
          text: 'Which motions do you support?',
          answers: 'Motion A\nMotion B\nMotion C',
          min: '1',
          max: '2',
          blank: true,
        },
      ];
      for (const [i, q] of questions.entries()) {
        await page.getByRole('button', { name: 'Add a question' }).click();
        const group = page.getByRole('group', { name: `Question ${i + 1}` });
        await group.getByLabel('Question', { exact: true }).fill(q.text);
        await group.getByLabel('Answers (one per line)').fill(q.answers);
        await group.getByLabel('Minimum number of answers').fill(q.min);
        await group.getByLabel('Maximum number of answers').fill(q.max);
        if (q.blank) await group.getByLabel('Voters may vote blank').check();
      }
      await clearAnnouncements(page);
      await page.getByRole('button', { name: 'Save the questions' }).click();
      await expect.poll(() => status().textContent(), POLL).toBe('Saved.');

      await page
        .getByLabel('Voter list (CSV: email,login,weight,name[,language])')
        .fill(VOTERS.map((v) => `${v.email},${v.login},1,${v.name},${v.language}`).join('\n'));
      await clearAnnouncements(page);
      await page.getByRole('button', { name: 'Import the voter list' }).click();
      await confirm('Import the voter list');
      await expect.poll(() => status().textContent(), POLL).toBe('3 voters imported.');

      await page.getByText('How voters sign in', { exact: true }).click();
      await page.getByLabel('Minutes between the credential message and the password message').fill('0');
      await page.getByLabel('Help contact shown in the messages').fill('help@example.org');
      await clearAnnouncements(page);
      await page.getByRole('button', { name: 'Save how voters sign in' }).click();
      await expect.poll(() => status().textContent(), POLL).toBe('Saved.');

      for (const trustee of TRUSTEES) await page.getByLabel(`${trustee.name} (${trustee.email})`).check();
      await page.getByLabel('How many are needed to decrypt (k)').fill('2');
      await clearAnnouncements(page);
      await page.getByRole('button', { name: 'Declare the threshold group' }).click();
      expect(await page.getByRole('dialog').textContent()).toContain('no one can decrypt alone');
      await confirm('Declare the threshold group');
      await expect.poll(() => status().textContent(), POLL).toBe('Saved.');
      await page.screenshot({ path: join(SHOTS, '1-admin-draft.png'), fullPage: true });
    });

    it('the three trustees make the election key in their browsers; private material stays in their files', async () => {
      for (const trustee of TRUSTEES) {
        const page = await newPage();
        trusteePages.push(page);
        await page.goto(`${server.url}/trustee/${electionId}`);
        await signInOnPage(page, trustee);
        await page.getByRole('button', { name: 'Make my key file' }).click();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: /^Download my key file/ }).click(),
        ]);
        keyFiles.push({
          name: download.suggestedFilename(),
          content: readFileSync((await download.path())!, 'utf8'),
        });
        await page.getByRole('checkbox', { name: /^I have saved/ }).check();
        await page.getByRole('button', { name: 'Send my certificate' }).click();
        await outcome(page, /certificate has been registered/);
      }
      for (const page of trusteePages) {
        await nextStep(page, 'Compute and send my polynomial');
        await page.getByRole('button', { name: 'Compute and send my polynomial' }).click();
        await outcome(page, /polynomial has been registered/);
      }
      for (const page of trusteePages) {
        await nextStep(page, 'Compute and send my verification data');
        await page.getByRole('button', { name: 'Compute and send my verification data' }).click();
        await outcome(page, /verification data has been registered/);
      }
      await trusteePages[0]!.screenshot({ path: join(SHOTS, '2-trustee-key-ready.png'), fullPage: true });
      await adminPage.reload();
      await expect
        .poll(() => adminPage.locator('section[aria-labelledby="trustees-heading"]').textContent(), POLL)
        .toContain('verification: done');
    });

    it('the admin has the credentials generated and mailed, then opens the election', async () => {
      await clearAnnouncements(adminPage);
      await adminPage.getByRole('button', { name: 'Generate and send the credentials' }).click();
      expect(await adminPage.getByRole('dialog').textContent()).toContain(
        'keeps only the public credentials',
      );
      await confirm('Generate and send the credentials');
      await expect.poll(() => status().textContent(), POLL).toMatch(/^3 credential messages queued/);
      // Credential and password, each in its own message, to each of the three voters.
      await expect.poll(() => sink.received.length, { timeout: 30_000 }).toBe(6);
      await adminAction('Open the election', 'Open for voting');
      await adminPage.reload();
      await adminPage.locator('#delivery-table').waitFor();
      const rows = await adminPage.locator('#delivery-table tbody tr').allTextContents();
      expect(rows.every((row) => row.includes('sent'))).toBe(true);
      await adminPage.screenshot({ path: join(SHOTS, '3-admin-open.png'), fullPage: true });
    });

    it('three voters vote in the booth with what they received: in English, in French, on a 360 px screen', async () => {
      const choices = [
        { chair: 'Bruno Diallo', motions: ['Motion A', 'Motion C'] },
        { chair: 'Bruno Diallo', motions: [] },
        { chair: 'Chloé Nguyen', motions: ['Motion B'] },
      ];
      for (const [i, voter] of VOTERS.entries()) {
        const mails = sink.mailTo(voter.email);
        const credentialMail = mails.find((m) => credentialIn(m.text) !== undefined)!;
        const passwordMail = mails.find((m) => passwordIn(m.text) !== undefined)!;
        const credential = credentialIn(credentialMail.text)!;
        const login = loginIn(passwordMail.text) ?? voter.login;
        const password = passwordIn(passwordMail.text)!;
        expect(credentialMail.text).toContain(`/vote/${electionId}#credential=${credential}`);
        const fr = voter.language === 'fr';
        const page = await newPage({ width: voter.width, locale: voter.locale });
        // The link of the mail, on this server's address.
        await page.goto(`${server.url}/vote/${electionId}#credential=${credential}`);
        await signInToBooth(page, login, password, fr);
        await page.getByRole('button', { name: fr ? 'Continuer' : 'Continue' }).click();
        const choice = choices[i]!;
        await page.getByRole('radio', { name: choice.chair }).check();
        if (choice.motions.length === 0)
          await page.getByRole('checkbox', { name: fr ? 'Voter blanc' : 'Vote blank' }).check();
        for (const motion of choice.motions) await page.getByRole('checkbox', { name: motion }).check();
        await reviewAndCast(page, fr);
        if (voter.width === 360)
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        trackers.push((await page.locator('#tracker').textContent())!.trim());
        await page.screenshot({
          path: join(SHOTS, `4-voter-${voter.login}-${voter.locale}-${voter.width}.png`),
          fullPage: true,
        });
      }
      expect(new Set(trackers).size).toBe(3);
    });

    it('the admin closes and tallies; two of the three trustees decrypt in their browsers; the admin publishes', async () => {
      await adminPage.reload();
      await adminAction('Close the ballot box', 'Closed (ballot box sealed)');
      await adminAction('Compute the encrypted tally', 'Tallied (waiting for the trustees)');
      for (const i of [0, 2]) {
        const page = trusteePages[i]!;
        await page.reload();
        await page.getByLabel(/^Your private key file/).setInputFiles({
          name: keyFiles[i]!.name,
          mimeType: 'text/plain',
          buffer: Buffer.from(keyFiles[i]!.content),
        });
        await page.locator('#decrypt-send').click();
        await outcome(page, /checked and accepted/);
      }
      await trusteePages[2]!.screenshot({ path: join(SHOTS, '5-trustee-decrypted.png'), fullPage: true });
      await adminPage.reload();
      await adminAction('Publish the result', 'Result published');
    });

    it('the public page shows the result and finds each tracker; its archive passes belenios-tool', async () => {
      const page = await newPage();
      await page.goto(`${server.url}/elections/${electionId}`);
      await page.getByRole('heading', { name: 'Result' }).waitFor();
      const chair = page.getByRole('table', { name: 'Result: Who should chair the bureau?' });
      const row = (name: string) => chair.getByRole('row', { name: new RegExp(`^${name}`) });
      expect(await row('Bruno Diallo').textContent()).toContain('2');
      expect(await row('Chloé Nguyen').textContent()).toContain('1');
      await page.screenshot({ path: join(SHOTS, '6-results.png'), fullPage: true });
      for (const tracker of trackers) {
        await page.getByLabel('Tracking number').fill(tracker);
        await page.getByRole('button', { name: 'Find my ballot' }).click();
        await page
          .getByText('This ballot is on the public ballot board, and it is the one that counts.')
          .waitFor();
      }
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /^Download the archive/ }).click(),
      ]);
      const bytes = readFileSync((await download.path())!);
      const published = (await (await fetch(`${server.url}/api/v1/elections/${electionId}`)).json()) as {
        result: number[][];
      };
      expect(published.result).toEqual([
        [0, 2, 1],
        [1, 1, 1, 1],
      ]);
      // Inria's verifier is part of the claim, not optional (.ci/run installs it).
      expect(hasBeleniosTool, 'belenios-tool is not installed').toBe(true);
      const dir = tempDir('full-election');
      writeFileSync(join(dir, `${electionId}.bel`), bytes);
      const verdict = beleniosTool(['election', 'verify', '--dir', dir]);
      expect(verdict.stderr + verdict.stdout).toContain('all checks passed');
      expect(verdict.status).toBe(0);
      // The trustees' key files never reached the server.
      const board = bytes.toString('latin1');
      for (const file of keyFiles) expect(board).not.toContain(file.content.trim());
    });
  },
);
