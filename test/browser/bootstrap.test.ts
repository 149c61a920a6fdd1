/**
 * Day one, as a new installation lives it: from an empty SQLite file to a published election using
 * only the `scrutin` commands and the web pages, with no write to the store by the test. `scrutin
 * migrate` and `scrutin operator create` (password on standard input) prepare the store; `scrutin
 * serve` runs as its own process (from dist/, as deployed), mailing through a real SMTP server in
 * this process; the operator creates an organisation with its first admin on /operator (and a second
 * with `scrutin org create`, which prints the invitation link as mail is not configured for it); each
 * admin, and the person the admin adds, chooses their own password on the invitation link they
 * received (issue 15); the admin adds a person, creates the election, imports the voters,
 * names that person trustee; the trustee makes the key on the trustee page; the admin has the
 * credentials mailed and opens; the voters vote with what they received; the admin closes and
 * tallies, the trustee decrypts, the admin publishes; the public page shows the result and the
 * archive passes belenios-tool. No password the test typed or was shown reaches the server's log.
 * Screenshots: test-artifacts/bootstrap/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialIn, loginIn, passwordIn, type SmtpSink, startSmtpSink } from '../delivery/smtp-sink.js';
import { accountLinkIn } from '../support/account-links.js';
import { beleniosTool, hasBeleniosTool, run, tempDir } from '../support/tools.js';
import {
  artifactDir,
  canRunBrowser,
  clearAnnouncements,
  type PageOptions,
  POLL,
  reviewAndCast,
  signInOnPage,
  TestBrowser,
} from '../world/browser.js';
import { type ServerProcess, startTestServer } from '../world/server.js';
import { hasBuiltServer, SCRUTIN_CLI } from '../world/server-process.js';

const SHOTS = artifactDir('bootstrap');
const OPERATOR = { email: 'operator@example.org', password: 'operator-day-one-password' };
const ADMIN = { name: 'Agnès Admin', email: 'agnes@example.org' };
const TRUSTEE = { name: 'Tom Trustee', email: 'tom@example.org', password: 'tom-initial-password' };
const VOTERS = [
  { login: 'una', email: 'una@example.org', name: 'Una Ulm', language: 'en', choice: 'Yes' },
  { login: 'vic', email: 'vic@example.org', name: 'Vic Vogel', language: 'en', choice: 'Yes' },
  { login: 'wil', email: 'wil@example.org', name: 'Wil Weber', language: 'en', choice: 'No' },
] as const;

describe.skipIf(!hasBuiltServer || !canRunBrowser('operator', 'admin', 'trustee', 'booth', 'election'))(
  'bootstrap: an empty store to a published election, with the commands and the pages only',
  () => {
    const dir = tempDir('bootstrap');
    const databaseUrl = `sqlite:${join(dir, 'scrutin.db')}`;
    /** `scrutin …` as an operator types it, on this store, in English. */
    const scrutin = (args: string[], input = '') =>
      run(process.execPath, [SCRUTIN_CLI, ...args], {
        cwd: dir,
        input,
        env: { DATABASE_URL: databaseUrl, LANG: 'en_GB.UTF-8', LC_ALL: '', SMTP_URL: '' },
      });
    let sink: SmtpSink;
    let server: ServerProcess;
    let browser: TestBrowser;
    /** Every password typed or shown in this test: none may reach the server's output. */
    const secrets: string[] = [
      OPERATOR.password,
      TRUSTEE.password,
      'agnes chose this password',
      'lea chose this password',
    ];
    const log: string[] = [];
    const adminPassword = 'agnes chose this password';
    /** A person opens the link they received and chooses their password, as in their browser. */
    const choosePassword = async (link: string, password: string) => {
      secrets.push(link.split('#token=')[1]!);
      const page = await newPage();
      await page.goto(link);
      await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
      await page.getByLabel('New password (at least 10 characters, not a common one)').fill(password);
      await page.getByLabel('New password again').fill(password);
      await page.getByRole('button', { name: 'Save my password' }).click();
      await page.locator('#password-set').waitFor();
    };
    const linkMailedTo = async (email: string) => {
      await expect.poll(() => sink.mailTo(email).length, { timeout: 30_000 }).toBeGreaterThan(0);
      return accountLinkIn(sink.mailTo(email).at(-1)!.text)!;
    };
    let adminPage: Page;
    let trusteePage: Page;
    let electionId = '';
    let keyFile = { name: '', content: '' };
    const trackers: string[] = [];

    const newPage = (options: PageOptions = {}) => browser.page({ timeout: 15_000, ...options });
    const status = (page: Page) => page.locator('#page-status');
    const confirm = (label: string) =>
      adminPage.getByRole('dialog').getByRole('button', { name: label }).click();
    const adminAction = async (label: string, state: string) => {
      await clearAnnouncements(adminPage);
      await adminPage.getByRole('button', { name: label }).click();
      await confirm(label);
      await expect
        .poll(() => status(adminPage).textContent(), POLL)
        .toBe(`Done. The election is now: ${state}.`);
    };
    const outcome = (page: Page, pattern: RegExp) =>
      page.locator('#outcome', { hasText: pattern }).waitFor({ timeout: 60_000 });

    beforeAll(async () => {
      sink = await startSmtpSink();
      browser = await TestBrowser.launch();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await sink?.close();
    });

    it('`scrutin migrate` makes the schema of a new store; `scrutin operator create` reads the password from standard input', () => {
      const migrated = scrutin(['migrate']);
      expect(migrated.stderr).toBe('');
      expect(migrated.stdout).toMatch(/^Applied: /);
      expect(scrutin(['migrate']).stdout).toBe('The store is up to date.\n');

      // A password on the command line is not an option: the command has none to take it.
      const help = scrutin(['operator', 'create', '--help']);
      expect(help.stdout).not.toMatch(/--password/);
      const created = scrutin(['operator', 'create', '--email', OPERATOR.email], `${OPERATOR.password}\n`);
      expect(created.stderr).toBe('');
      expect(created.status).toBe(0);
      expect(created.stdout).toContain(OPERATOR.email);
      expect(created.stdout).not.toContain(OPERATOR.password);
      // The same email twice is refused, with a message, and exit 1.
      const again = scrutin(['operator', 'create', '--email', OPERATOR.email], `${OPERATOR.password}\n`);
      expect(again.status).toBe(1);
      expect(again.stderr).not.toBe('');
    });

    it('`scrutin serve` starts on that store with mail configured', async () => {
      server = await startTestServer({
        mode: 'process',
        databaseUrl,
        // BASE_URL: vitest sets it to "/" in its own environment, which the server would inherit.
        env: { SMTP_URL: sink.url, DELIVERY_POLL_MS: '200', LOG_LEVEL: 'info', BASE_URL: '' },
      });
      // The whole output from here on (server.output() keeps only its end).
      server.child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8')));
      server.child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8')));
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
    });

    it('the operator signs in on /operator and creates an organisation with its first admin, who is invited by mail and chooses a password', async () => {
      const page = await newPage();
      await page.goto(`${server.url}/operator`);
      await signInOnPage(page, OPERATOR);
      await page.getByRole('heading', { level: 1, name: 'Operator console' }).waitFor();
      expect(await page.getByText('No organisation yet.').count()).toBe(1);
      await page.getByLabel('Name of the organisation').fill('Union des Sections');
      await page.getByLabel('Name of the first administrator').fill(ADMIN.name);
      await page.getByLabel('Email address of the first administrator').fill(ADMIN.email);
      await page.getByRole('button', { name: 'Create the organisation' }).click();
      await expect
        .poll(() => page.locator('#invitation-outcome').textContent(), POLL)
        .toMatch(new RegExp(`^The invitation was mailed to ${ADMIN.email}`));
      await page.screenshot({ path: join(SHOTS, '1-operator-created.png'), fullPage: true });
      await choosePassword(await linkMailedTo(ADMIN.email), adminPassword);
      await expect
        .poll(() => page.getByRole('table').textContent(), POLL)
        .toMatch(/Union des Sections.*1.*0/);
    });

    it('`scrutin org create` makes a second organisation; its admin chooses a password on the printed link and signs in', async () => {
      const created = scrutin([
        'org',
        'create',
        '--name',
        'Section de Lyon',
        '--admin-email',
        'lea@example.org',
      ]);
      expect(created.stderr).toBe('');
      expect(created.status).toBe(0);
      const printed = /\n\n {4}(\S+)\n\n/.exec(created.stdout)?.[1];
      expect(printed, created.stdout).toBeDefined();
      // The CLI does not know the server's port: the person opens the printed link on this server.
      const token = printed!.split('#token=')[1]!;
      await choosePassword(`${server.url}/account/password#token=${token}`, 'lea chose this password');
      const page = await newPage();
      await page.goto(`${server.url}/admin`);
      await signInOnPage(page, { email: 'lea@example.org', password: 'lea chose this password' });
      await page.getByRole('heading', { name: 'Your organisations' }).waitFor();
      await expect.poll(() => page.locator('main').textContent(), POLL).toContain('Section de Lyon');
      // The new admin sees their own organisation only.
      expect(await page.locator('main').textContent()).not.toContain('Union des Sections');
    });

    it('the first admin signs in, adds the trustee as a person, creates the election and imports the voters', async () => {
      adminPage = await newPage();
      const page = adminPage;
      await page.goto(`${server.url}/admin`);
      await signInOnPage(page, { email: ADMIN.email, password: adminPassword });
      await page.getByRole('heading', { name: 'Your organisations' }).waitFor();
      await page.getByText('Add a person').click();
      await page.getByLabel('Name', { exact: true }).fill(TRUSTEE.name);
      await page.getByLabel('Email', { exact: true }).fill(TRUSTEE.email);
      await clearAnnouncements(page);
      await page.getByRole('button', { name: 'Add this person' }).click();
      await expect
        .poll(() => status(page).textContent(), POLL)
        .toMatch(new RegExp(`^${TRUSTEE.name} was added and sent an invitation by mail`));
      await choosePassword(await linkMailedTo(TRUSTEE.email), TRUSTEE.password);

      await page.getByText('Create an election').click();
      await page.getByLabel('Name of the election').fill('Conseil 2027');
      await page.getByLabel('Description (shown to voters)').fill('Approval of the statutes.');
      await page.getByLabel('Time zone of the dates').fill('Europe/Paris');
      await page.getByRole('button', { name: 'Create the election (draft)' }).click();
      await page.waitForURL(/\/admin\/elections\//);
      electionId = new URL(page.url()).pathname.split('/').pop()!;
      await page.getByRole('heading', { level: 1, name: 'Conseil 2027' }).waitFor();

      await page.getByRole('button', { name: 'Add a question' }).click();
      const group = page.getByRole('group', { name: 'Question 1' });
      await group.getByLabel('Question', { exact: true }).fill('Do you approve the new statutes?');
      await group.getByLabel('Answers (one per line)').fill('Yes\nNo');
      await group.getByLabel('Minimum number of answers').fill('1');
      await group.getByLabel('Maximum number of answers').fill('1');
      await clearAnnouncements(page);
      await page.getByRole('button', { name: 'Save the questions' }).click();
      await expect.poll(() => status(page).textContent(), POLL).toBe('Saved.');

      await page
        .getByLabel('Voter list (CSV: email,login,weight,name[,language])')
        .fill(VOTERS.map((v) => `${v.email},${v.login},1,${v.name},${v.language}`).join('\n'));
      await clearAnnouncements(page);
      await page.getByRole('button', { name: 'Import the voter list' }).click();
      await confirm('Import the voter list');
      await expect.poll(() => status(page).textContent(), POLL).toBe(`${VOTERS.length} voters imported.`);

      await page.getByText('How voters sign in', { exact: true }).click();
      await page.getByLabel('Minutes between the credential message and the password message').fill('0');
      await page.getByLabel('Help contact shown in the messages').fill('help@example.org');
      await clearAnnouncements(page);
      await page.getByRole('button', { name: 'Save how voters sign in' }).click();
      await expect.poll(() => status(page).textContent(), POLL).toBe('Saved.');

      await page.getByLabel('Person').selectOption({ label: `${TRUSTEE.name} (${TRUSTEE.email})` });
      await page.getByLabel('Role', { exact: true }).selectOption('trustee');
      await clearAnnouncements(page);
      await page.getByRole('button', { name: 'Give the role' }).click();
      await expect.poll(() => status(page).textContent(), POLL).toBe(`${TRUSTEE.name} is now trustee.`);
      await page.screenshot({ path: join(SHOTS, '2-admin-draft.png'), fullPage: true });
    });

    it('the trustee makes the key pair in the trustee page and keeps the private key file', async () => {
      trusteePage = await newPage();
      const page = trusteePage;
      await page.goto(`${server.url}/trustee/${electionId}`);
      await signInOnPage(page, TRUSTEE);
      await page.locator('#single-generate').click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('#single-download').click(),
      ]);
      keyFile = {
        name: download.suggestedFilename(),
        content: readFileSync((await download.path())!, 'utf8'),
      };
      expect(keyFile.content).toMatch(/^"[0-9]+"\n$/);
      secrets.push(keyFile.content.trim().slice(1, -1));
      await page.locator('#single-saved').check();
      await page.locator('#single-upload').click();
      await outcome(page, /public key has been registered/);
      await adminPage.reload();
      await expect
        .poll(() => adminPage.locator('section[aria-labelledby="trustees-heading"]').textContent(), POLL)
        .toContain('single trustee');
    });

    it('the admin has the credentials generated and mailed, then opens the election', async () => {
      await clearAnnouncements(adminPage);
      await adminPage.getByRole('button', { name: 'Generate and send the credentials' }).click();
      await confirm('Generate and send the credentials');
      await expect
        .poll(() => status(adminPage).textContent(), POLL)
        .toMatch(new RegExp(`^${VOTERS.length} credential messages queued`));
      await expect
        .poll(() => VOTERS.flatMap((v) => sink.mailTo(v.email)).length, { timeout: 30_000 })
        .toBe(2 * VOTERS.length);
      await adminAction('Open the election', 'Open for voting');
    });

    it('each voter votes in the booth with the credential and password they received', async () => {
      for (const voter of VOTERS) {
        const mails = sink.mailTo(voter.email);
        const credential = mails.map((m) => credentialIn(m.text)).find((c) => c !== undefined)!;
        const passwordMail = mails.find((m) => passwordIn(m.text) !== undefined)!;
        const password = passwordIn(passwordMail.text)!;
        secrets.push(credential, password);
        const page = await newPage();
        await page.goto(`${server.url}/vote/${electionId}#credential=${credential}`);
        await page.getByLabel('Login', { exact: true }).fill(loginIn(passwordMail.text) ?? voter.login);
        await page.getByLabel('Password', { exact: true }).fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('radio', { name: voter.choice }).check();
        await reviewAndCast(page);
        trackers.push((await page.locator('#tracker').textContent())!.trim());
      }
      expect(new Set(trackers).size).toBe(VOTERS.length);
    });

    it('the admin closes and tallies, the trustee decrypts from the key file, the admin publishes', async () => {
      await adminPage.reload();
      await adminAction('Close the ballot box', 'Closed (ballot box sealed)');
      await adminAction('Compute the encrypted tally', 'Tallied (waiting for the trustees)');
      await trusteePage.reload();
      await trusteePage.locator('#decrypt-key-file').setInputFiles({
        name: keyFile.name,
        mimeType: 'text/plain',
        buffer: Buffer.from(keyFile.content),
      });
      await trusteePage.locator('#decrypt-send').click();
      await outcome(trusteePage, /checked and accepted/);
      await adminPage.reload();
      await adminAction('Publish the result', 'Result published');
    });

    it('the public page shows the result; the archive passes belenios-tool; no secret reached the log', async () => {
      const page = await newPage();
      await page.goto(`${server.url}/elections/${electionId}`);
      await page.getByRole('heading', { name: 'Result' }).waitFor();
      const table = page.getByRole('table', { name: 'Result: Do you approve the new statutes?' });
      expect(await table.getByRole('row', { name: /^Yes/ }).textContent()).toContain('2');
      expect(await table.getByRole('row', { name: /^No/ }).textContent()).toContain('1');
      await page.screenshot({ path: join(SHOTS, '3-result.png'), fullPage: true });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /^Download the archive/ }).click(),
      ]);
      const archive = readFileSync((await download.path())!);
      expect(hasBeleniosTool, 'belenios-tool is not installed').toBe(true);
      const verifyDir = tempDir('bootstrap-verify');
      writeFileSync(join(verifyDir, `${electionId}.bel`), archive);
      const verdict = beleniosTool(['election', 'verify', '--dir', verifyDir]);
      expect(verdict.stderr + verdict.stdout).toContain('all checks passed');
      expect(verdict.status).toBe(0);

      const output = server.output() + log.join('');
      expect(output).toContain('delivery'); // the log is on (LOG_LEVEL=info): its silence proves something
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThanOrEqual(8);
        expect(output, 'a secret in the server log').not.toContain(secret);
      }
      const board = archive.toString('latin1');
      expect(board).not.toContain(keyFile.content.trim());
    });
  },
);
