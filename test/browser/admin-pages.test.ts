/**
 * The admin pages in Chromium against the real server: an organisation admin signs in, adds a
 * person (who chooses their own password on the mailed invitation link), creates an election, writes its questions and dates (in its time zone), imports a voter
 * list (a bad one first: every line's error shown, nothing imported), chooses the trustee and
 * credential modes, gives a role, then opens, extends and annuls — each action shown in a dialog
 * before it is sent, a cancelled dialog changing nothing. Asserts what the admin sees and what the
 * server then holds; screenshots go to test-artifacts/admin/.
 */

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireGroup } from '../../src/core/group.js';
import type { ElectionId } from '../../src/core/ids.js';
import { installNodePlatform } from '../../src/node/platform.js';
import { generateCredentials } from '../../src/protocol/setup.js';
import { accountLinkIn } from '../support/account-links.js';
import {
  artifactDir,
  axeProblems,
  canRunBrowser,
  clearAnnouncements,
  launchChromium,
  POLL,
  recordAnswers,
} from '../world/browser.js';
import { Client } from '../world/client.js';
import { addAccount, grant, organisationWithAdmin, type TestAccount } from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

const SHOTS = artifactDir('admin');

describe.skipIf(!canRunBrowser('admin'))('admin pages in a real browser', () => {
  let server: ListeningServer;
  let browser: Browser;
  let page: Page;
  let admin: TestAccount;
  let organisationId: string;
  let answers: string[];
  let electionId = '' as ElectionId;
  const api = () => new Client(server.app);
  // One API session for the checks (logins are rate-limited per name).
  let session: Client | undefined;
  const signedIn = async () => {
    if (!session) {
      session = api();
      await session.post('/api/v1/auth/login', { email: admin.email, password: admin.password });
    }
    return session;
  };
  const adminView = async () => (await (await signedIn()).get(`/api/v1/elections/${electionId}/admin`)).json;
  const status = () => page.locator('#page-status');
  const alert = () => page.locator('#page-alert');
  const dialog = () => page.getByRole('dialog');

  beforeAll(async () => {
    installNodePlatform();
    server = await startTestServer({ mode: 'listen', label: 'admin-pages' });
    ({ organisationId, admin } = await organisationWithAdmin(server, 'Fédération des Alpes'));
    browser = await launchChromium();
    page = await browser.newPage({
      viewport: { width: 1100, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Europe/Paris',
    });
    page.setDefaultTimeout(8000);
    answers = recordAnswers(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in, shows the organisation and adds a person, who chooses their own password on the mailed link', async () => {
    await page.goto(`${server.url}/admin`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await clearAnnouncements(page);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => alert().textContent(), POLL)
      .toContain('Enter your email address and your password.');
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password').fill('not the password at all');
    await clearAnnouncements(page);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => alert().textContent(), POLL).toContain('Wrong login or password.');
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your organisations' }).waitFor();
    await page.getByRole('heading', { name: 'Fédération des Alpes' }).waitFor();
    expect(await page.getByRole('cell', { name: admin.email }).count()).toBe(1);

    // The admin's first page says when the account was set up.
    expect(await page.locator('#account-set-up').textContent()).toMatch(/^Your account was set up on /);
    await page.getByText('Add a person').click();
    await page.getByLabel('Name', { exact: true }).fill('Sam Scrutineer');
    await clearAnnouncements(page);
    await page.getByRole('button', { name: 'Add this person' }).click();
    await expect.poll(() => alert().textContent(), POLL).toContain('Enter a name and an email address.');
    await page.getByLabel('Email', { exact: true }).fill('sam@example.org');
    await clearAnnouncements(page);
    await page.getByRole('button', { name: 'Add this person' }).click();
    await expect
      .poll(() => status().textContent(), POLL)
      .toMatch(/^Sam Scrutineer was added and sent an invitation by mail \(valid until .+\)\.$/);
    await page.getByRole('cell', { name: 'sam@example.org' }).waitFor();
    expect(await page.getByRole('cell', { name: 'invited (no password yet)' }).count()).toBe(1);
    const members = (await (await signedIn()).get(`/api/v1/organisations/${organisationId}/members`)).json
      .members;
    expect(members.map((m: { email: string }) => m.email).sort()).toEqual(
      [admin.email, 'sam@example.org'].sort(),
    );
    // Sam opens the link of the mail and chooses a password, a common one first.
    const mail = server.mails.accepted.find((m) => m.to === 'sam@example.org')!;
    const link = accountLinkIn(mail.text)!;
    expect(answers.join('\n')).not.toContain(link.split('#token=')[1]!);
    const context = await browser.newContext({ locale: 'en-GB' });
    const samPage = await context.newPage();
    samPage.setDefaultTimeout(8000);
    await samPage.goto(link);
    await samPage.getByRole('heading', { name: 'Choose your password' }).waitFor();
    // The token leaves the address bar at once.
    expect(samPage.url()).toBe(`${server.url}/account/password`);
    const fill = async (password: string) => {
      await samPage.getByLabel('New password (at least 10 characters, not a common one)').fill(password);
      await samPage.getByLabel('New password again').fill(password);
      await samPage.getByRole('button', { name: 'Save my password' }).click();
    };
    await fill('password123');
    await expect
      .poll(() => samPage.locator('#page-alert').textContent(), POLL)
      .toContain('one of the most common passwords');
    await fill('sam-initial-password-123');
    await expect
      .poll(() => samPage.locator('#password-set').textContent(), POLL)
      .toBe('Your password is saved. Sign in with sam@example.org and this password.');
    await context.close();
    // The person signs in with the password they chose.
    const sam = api();
    expect(
      (
        await sam.post('/api/v1/auth/login', {
          email: 'sam@example.org',
          password: 'sam-initial-password-123',
        })
      ).status,
    ).toBe(200);
    await page.screenshot({ path: join(SHOTS, 'home.png'), fullPage: true });
  });

  it('creates an election and edits its questions', async () => {
    await page.getByText('Create an election').click();
    await page.getByLabel('Name of the election').fill('Congrès 2026: bureau');
    await page.getByLabel('Description (shown to voters)').fill('Election of the federation bureau.');
    await page.getByLabel('Time zone of the dates').fill('Mars/Olympus');
    await clearAnnouncements(page);
    await page.getByRole('button', { name: 'Create the election (draft)' }).click();
    await expect.poll(() => alert().textContent(), POLL).toContain('This time zone is unknown');
    await page.getByLabel('Time zone of the dates').fill('America/Montreal');
    await page.getByRole('button', { name: 'Create the election (draft)' }).click();
    await page.waitForURL(/\/admin\/elections\/[1-9A-HJ-NP-Za-km-z]+$/);
    electionId = new URL(page.url()).pathname.split('/').pop()! as ElectionId;
    await page.getByRole('heading', { level: 1, name: 'Congrès 2026: bureau' }).waitFor();
    expect(await page.locator('#election-state').textContent()).toBe('Draft (being prepared)');

    await page.getByRole('button', { name: 'Add a question' }).click();
    const first = page.getByRole('group', { name: 'Question 1' });
    await first.getByLabel('Question', { exact: true }).fill('Who should chair the bureau?');
    await first.getByLabel('Answers (one per line)').fill('Alice Martin\nBruno Diallo\nChloé Nguyen');
    await first.getByLabel('Maximum number of answers').fill('4');
    await clearAnnouncements(page);
    await page.getByRole('button', { name: 'Save the questions' }).click();
    await expect
      .poll(() => alert().textContent(), POLL)
      .toContain('Question 1: the minimum must be between 0');
    expect((await adminView()).questions).toEqual([]);
    await first.getByLabel('Maximum number of answers').fill('1');
    await page.getByRole('button', { name: 'Add a question' }).click();
    const second = page.getByRole('group', { name: 'Question 2' });
    await second.getByLabel('Question', { exact: true }).fill('Which motions do you support?');
    await second.getByLabel('Answers (one per line)').fill('Motion A\nMotion B\nMotion C');
    await second.getByLabel('Minimum number of answers').fill('1');
    await second.getByLabel('Maximum number of answers').fill('2');
    await second.getByLabel('Voters may vote blank').check();
    await clearAnnouncements(page);
    await page.getByRole('button', { name: 'Save the questions' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('Saved.');
    const saved = (await adminView()).questions;
    expect(saved).toHaveLength(2);
    expect(saved[0]).toMatchObject({
      question: 'Who should chair the bureau?',
      answers: ['Alice Martin', 'Bruno Diallo', 'Chloé Nguyen'],
      min: 1,
      max: 1,
    });
    expect(saved[1]).toMatchObject({ min: 1, max: 2, blank: true });
  });

  it('imports a voter list: every bad line is shown and nothing is imported, then the good list', async () => {
    const csv = page.getByLabel('Voter list (CSV: email,login,weight,name[,language])');
    await csv.fill('ann@example.org,ann,1,Ann\nnot-an-email,bob,1,Bob\ncid@example.org,cid,zero,Cid');
    await page.getByRole('button', { name: 'Import the voter list' }).click();
    await dialog().getByRole('heading', { name: 'Replace the voter list?' }).waitFor();
    expect(await dialog().textContent()).toContain('The 3 lines of the list are checked');
    await clearAnnouncements(page);
    await dialog().getByRole('button', { name: 'Import the voter list' }).click();
    await expect.poll(() => alert().textContent(), POLL).toContain('nothing was imported');
    const problems = await alert().locator('li').allTextContents();
    expect(problems.length).toBe(2);
    expect(problems[0]).toMatch(/^Line 2: .*not-an-email/);
    expect(problems[1]).toMatch(/^Line 3: /);
    expect((await (await signedIn()).get(`/api/v1/elections/${electionId}/voters`)).json.voters).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'voter-errors.png'), fullPage: true });

    // The list may come from a file: it is read in the browser into the text box.
    await page.getByLabel('Or choose a CSV file').setInputFiles({
      name: 'voters.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'ann@example.org,ann,1,Ann Arbor\nbob@example.org,bob,2,Bob Binet\ncid@example.org,cid,1,Cid Campeador\n',
      ),
    });
    await expect.poll(() => csv.inputValue(), POLL).toContain('cid@example.org,cid,1,Cid Campeador');
    await page.getByRole('button', { name: 'Import the voter list' }).click();
    await clearAnnouncements(page);
    await dialog().getByRole('button', { name: 'Import the voter list' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('3 voters imported.');
    expect(await page.locator('#voter-table tbody tr').count()).toBe(3);
  });

  it('labels the server key as the weakest mode, binds external public credentials, sends passwords, sets the dates in the election time zone', async () => {
    const trustees = page.locator('section[aria-labelledby="trustees-heading"]');
    expect(await trustees.textContent()).toContain('Server key — the weakest mode');
    expect(await trustees.textContent()).toContain('could decrypt alone');
    await page.getByRole('button', { name: 'Use a server key' }).click();
    expect(await dialog().textContent()).toContain(
      'The platform operator could then decrypt the result alone',
    );
    await dialog().getByRole('button', { name: 'Use a server key' }).click();
    await expect.poll(() => trustees.textContent(), POLL).toContain('server key (weakest)');

    const credentials = page.locator('section[aria-labelledby="credentials-heading"]');
    // Each mode with what it protects against and its residual risk (docs/threat-model.md).
    const external = credentials.locator('#mode-external');
    expect(await external.textContent()).toContain(
      'Residual risk: The authority could vote for voters who never vote',
    );
    expect(await credentials.locator('#mode-server-no-recovery').textContent()).toContain(
      'A credential intercepted in transit can be used until the voter votes again',
    );
    expect(await credentials.locator('#recovery-status').textContent()).toMatch(
      /^Recovery: not chosen yet. Before the credentials are generated/,
    );
    expect(await page.getByRole('button', { name: 'Choose no recovery' }).count()).toBe(1);
    // An external authority's public credentials, made offline.
    const made = generateCredentials(electionId, requireGroup('BELENIOS-2048'), [
      { id: 'a', login: 'ann', weight: 1n },
      { id: 'b', login: 'bob', weight: 2n },
      { id: 'c', login: 'cid', weight: 1n },
    ]);
    // Only the credential authority uploads them (issue 15): the admin's page says so and offers no form.
    expect(await page.locator('#upload-by-authority').textContent()).toContain(
      'Only the credential authority of this election uploads its public credentials',
    );
    expect(await page.getByRole('button', { name: 'Upload the public credentials' }).count()).toBe(0);
    const refused = await (await signedIn()).post(`/api/v1/elections/${electionId}/credentials/public`, {
      publicCredentials: made.publicWithLogins,
    });
    expect(refused.status).toBe(403);
    const authority = await addAccount(server, 'credential-authority');
    await grant(server, electionId, authority, 'credential-authority');
    // The authority uploads on its own page, linked from the admin's card.
    const link = await page.locator('#upload-by-authority a').getAttribute('href');
    expect(link).toBe(`/authority/${electionId}`);
    const authorityPage = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'en-GB' });
    await authorityPage.goto(`${server.url}${link}`);
    await authorityPage.locator('#sign-in-email').fill(authority.email);
    await authorityPage.locator('#sign-in-password').fill(authority.password);
    await authorityPage.keyboard.press('Enter');
    // What scrutin-tool writes to the .pubcreds file: a JSON array.
    await authorityPage.locator('#public-credentials').fill(JSON.stringify(made.publicWithLogins));
    await authorityPage.getByRole('button', { name: 'Upload the public credentials' }).click();
    await authorityPage
      .getByRole('dialog')
      .getByRole('button', { name: 'Upload the public credentials' })
      .click();
    await expect
      .poll(() => authorityPage.locator('#page-status').textContent(), POLL)
      .toContain(`Fingerprint of the public credentials: ${made.fingerprint}`);
    expect(await authorityPage.locator('#credential-status').textContent()).toBe(
      '3 of 3 voters have a credential.',
    );
    await authorityPage.screenshot({ path: join(SHOTS, 'authority-upload.png'), fullPage: true });
    await authorityPage.close();
    await page.reload();
    await expect
      .poll(() => page.locator('#credential-status').textContent(), POLL)
      .toContain('3 of 3 voters have a credential');
    expect(await page.locator('#credential-status').textContent()).toContain(
      '3 of 3 voters have a credential',
    );
    expect((await adminView()).credentialMode).toBe('external');

    // Passwords travel apart from credentials; the delivery table follows each voter's messages.
    await page.getByRole('button', { name: 'Send the passwords now' }).click();
    expect(await dialog().textContent()).toContain('sent in a message of its own');
    await clearAnnouncements(page);
    await dialog().getByRole('button', { name: 'Send the passwords now' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('3 messages queued.');
    const rows = await page.locator('#delivery-table tbody tr').allTextContents();
    expect(rows).toHaveLength(3);
    expect(await page.locator('#delivery-summary').textContent()).toBe(
      '3 voters: 0 signed in at least once, 0 tested their access, 0 voted.',
    );

    // 18:00 in Montreal in December is 23:00 UTC.
    await page.getByLabel('Voting closes').fill('2099-12-01T18:00');
    await clearAnnouncements(page);
    await page.getByRole('button', { name: 'Save the dates' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('Saved.');
    const dated = await adminView();
    expect(dated.closesAt).toBe('2099-12-01T23:00:00.000Z');
    expect(dated.timeZone).toBe('America/Montreal');
    expect(await page.getByLabel('Voting closes').inputValue()).toBe('2099-12-01T18:00');
  });

  it('gives a person a role on the election', async () => {
    await page.getByLabel('Person').selectOption({ label: 'Sam Scrutineer (sam@example.org)' });
    await page.getByLabel('Role', { exact: true }).selectOption('scrutineer');
    await clearAnnouncements(page);
    await page.getByRole('button', { name: 'Give the role' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('Sam Scrutineer is now scrutineer.');
    const roles = (await (await signedIn()).get(`/api/v1/elections/${electionId}/roles`)).json.roles;
    expect(roles).toContainEqual(expect.objectContaining({ email: 'sam@example.org', role: 'scrutineer' }));
  });

  it('shows what each action does, changes nothing when cancelled, and opens, extends and annuls', async () => {
    await page.getByRole('button', { name: 'Open the election' }).click();
    expect(await dialog().textContent()).toContain('frozen in the public Setup event');
    await page.screenshot({ path: join(SHOTS, 'confirm-open.png') });
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog().count()).toBe(0);
    expect((await adminView()).state).toBe('draft');
    // Keyboard: the dialog takes focus, Escape cancels and gives focus back to the button.
    await page.getByRole('button', { name: 'Open the election' }).focus();
    await page.keyboard.press('Enter');
    await dialog().waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count(), POLL).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Open the election');
    expect((await adminView()).state).toBe('draft');

    await page.getByRole('button', { name: 'Open the election' }).click();
    await clearAnnouncements(page);
    await dialog().getByRole('button', { name: 'Open the election' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('Done. The election is now: Open for voting.');
    const opened = await adminView();
    expect(opened.state).toBe('open');
    expect(await page.getByText(opened.sealed.election).count()).toBe(1);
    // Frozen: no more forms for the setup.
    expect(await page.getByRole('button', { name: 'Save the questions' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Extend voting' }).click();
    await dialog().getByLabel('New closing time (America/Montreal)').fill('2099-12-02T18:00');
    await clearAnnouncements(page);
    await dialog().getByRole('button', { name: 'Extend voting' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('Saved.');
    expect((await adminView()).closesAt).toBe('2099-12-02T23:00:00.000Z');

    await page.getByRole('button', { name: 'Annul the election' }).click();
    expect(await dialog().textContent()).toContain('no result will ever be shown');
    await dialog().getByLabel('Reason for annulling (shown publicly)').fill('no');
    await dialog().getByRole('button', { name: 'Annul the election' }).click();
    expect(await dialog().getByRole('alert').textContent()).toBe('Give a reason of at least 5 characters.');
    expect((await adminView()).state).toBe('open');
    // Spaces are not a reason (issue 20): the dialog refuses before sending, like the server.
    await dialog().getByLabel('Reason for annulling (shown publicly)').fill('a   b  c d');
    await dialog()
      .getByRole('alert')
      .evaluate((alert) => alert.replaceChildren());
    await dialog().getByRole('button', { name: 'Annul the election' }).click();
    expect(await dialog().getByRole('alert').textContent()).toBe('Give a reason of at least 5 characters.');
    expect((await adminView()).state).toBe('open');
    await dialog()
      .getByLabel('Reason for annulling (shown publicly)')
      .fill('The voter list was the wrong one.');
    await clearAnnouncements(page);
    await dialog().getByRole('button', { name: 'Annul the election' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('Done. The election is now: Annulled.');
    const annulled = (await api().get(`/api/v1/elections/${electionId}`)).json;
    expect(annulled).toMatchObject({ state: 'annulled', annulReason: 'The voter list was the wrong one.' });
    expect(await page.getByText('Annulled: The voter list was the wrong one.').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'annulled.png'), fullPage: true });
  });

  it('speaks French when asked, and never received a password or password hash', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Actions sur l’élection' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('#election-state').textContent()).toBe('Annulée');
    await page.goto(`${server.url}/admin`);
    await page.getByRole('heading', { name: 'Vos organisations' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    const everything = answers.join('\n');
    for (const secret of [admin.password, 'sam-initial-password-123', 'scrypt', 'passwordHash']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('shows a member without admin rights neither organisation nor election settings', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const sam = await context.newPage();
    sam.setDefaultTimeout(8000);
    await sam.goto(`${server.url}/admin`);
    await sam.getByLabel('Email address').fill('sam@example.org');
    await sam.getByLabel('Password').fill('sam-initial-password-123');
    await sam.getByRole('button', { name: 'Sign in' }).click();
    await sam.getByText('Your account administers no organisation.', { exact: false }).waitFor();
    await sam.goto(`${server.url}/admin/elections/${electionId}`);
    await expect
      .poll(() => sam.locator('#page-alert').textContent(), POLL)
      .toBe('You are not allowed to do this.');
    expect(await sam.locator('#voter-table').count()).toBe(0);
    await context.close();
  });

  it('replaces a voter’s lost credential before opening, after showing what it does', async () => {
    const client = await signedIn();
    const created = await client.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Server credentials',
      description: '',
      timeZone: 'Europe/Paris',
    });
    const id = created.json.id as string;
    await client.put(
      `/api/v1/elections/${id}/voters`,
      'ann@example.org,ann,1,Ann\nbob@example.org,bob,1,Bob',
    );
    expect((await client.post(`/api/v1/elections/${id}/delivery/credentials`)).status).toBe(200);
    const before = (await server.store.voters.findByLogin(id, 'ann'))!.publicCredential;
    await page.goto(`${server.url}/admin/elections/${id}`);
    // Issue 16: the delivery table's help column names the action and says what it invalidates.
    await page.getByRole('button', { name: 'Resend the credential – ann' }).click();
    expect(await dialog().textContent()).toContain('The credential sent before stops working at once');
    expect(await dialog().textContent()).toContain('mailed to ann@example.org');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    expect((await server.store.voters.findByLogin(id, 'ann'))!.publicCredential).toBe(before);
    await page.getByRole('button', { name: 'Resend the credential – ann' }).click();
    await clearAnnouncements(page);
    await dialog().getByRole('button', { name: 'Resend the credential' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('A new credential is on its way to ann.');
    const after = (await server.store.voters.findByLogin(id, 'ann'))!.publicCredential;
    expect(after).not.toBe(before);
    expect(after).not.toBeNull();
  });

  it('once credentials are issued, corrects one voter’s address from the roll card, after saying what it does', async () => {
    const client = await signedIn();
    const created = await client.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Roll changes',
      description: '',
      timeZone: 'Europe/Paris',
    });
    const id = created.json.id as string;
    await client.put(
      `/api/v1/elections/${id}/voters`,
      'cat@example.org,cat,1,Cat\ndan@example.org,dan,1,Dan',
    );
    expect((await client.post(`/api/v1/elections/${id}/delivery/credentials`)).status).toBe(200);
    await page.goto(`${server.url}/admin/elections/${id}`);
    const card = page.locator('section[aria-labelledby="voters-heading"]');
    await card.getByText('the roll changes one voter at a time', { exact: false }).waitFor();
    // No wholesale import any more: the per-voter actions instead.
    expect(await card.getByRole('button', { name: 'Import the voter list' }).count()).toBe(0);
    await card.getByRole('button', { name: 'Correct the address – dan' }).click();
    await dialog().getByLabel('New address for dan:').fill('dan@elsewhere.example');
    await dialog().getByRole('button', { name: 'Correct the address' }).click();
    await expect
      .poll(() => status().textContent(), POLL)
      .toBe('Done: the change is recorded in the audit log.');
    expect((await server.store.voters.findByLogin(id, 'dan'))!.email).toBe('dan@elsewhere.example');
    const audit = (await client.get(`/api/v1/elections/${id}/audit`)).json.entries;
    expect(audit.find((x: { action: string }) => x.action === 'voter.address')).toMatchObject({
      details: { login: 'dan', from: 'd***@example.org', to: 'd***@elsewhere.example' },
    });
  });

  it('the delivery table’s help dialogs have no axe violation (EN, and FR at 360 px), and the phone is corrected from one', async () => {
    const client = await signedIn();
    const created = await client.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Help desk',
      description: '',
      timeZone: 'Europe/Paris',
    });
    const id = created.json.id as string;
    await client.put(
      `/api/v1/elections/${id}/voters`,
      'eve@example.org,eve,1,Eve,en,+33612345678\nfay@example.org,fay,1,Fay',
    );
    expect((await client.post(`/api/v1/elections/${id}/delivery/credentials`)).status).toBe(200);
    const eve = (await server.store.voters.findByLogin(id, 'eve'))!;
    await page.goto(`${server.url}/admin/elections/${id}`);
    // Every help action's dialog, as opened (and the phone one with its refusal shown), cancelled.
    const help = (label: string, login: string) =>
      page.locator('#delivery-table').getByRole('button', { name: `${label} – ${login}`, exact: true });
    const helpButtons = (login: string) =>
      page.locator('#delivery-table').getByRole('button', { name: new RegExp(`– ${login}$`) });
    await helpButtons('eve').first().waitFor();
    const labels = await helpButtons('eve').allTextContents();
    expect(labels).toEqual(
      expect.arrayContaining([
        'Resend the credential',
        'Resend the password',
        'Correct the phone',
        'Correct the address',
      ]),
    );
    for (const label of labels) {
      await help(label, 'eve').click();
      await dialog().waitFor();
      expect(await axeProblems(page), label).toEqual([]);
      await dialog().getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => dialog().count(), POLL).toBe(0);
    }
    await help('Correct the phone', 'eve').click();
    expect(await dialog().textContent()).toContain('The credential does not change');
    // A national number is refused in the dialog, which stays open; nothing is sent.
    await dialog().getByLabel('New mobile number of eve').fill('06 98 76 54 32');
    await dialog().getByRole('button', { name: 'Correct the phone' }).click();
    expect(await dialog().getByRole('alert').textContent()).toMatch(/plus and the country code/);
    expect(await axeProblems(page)).toEqual([]);
    expect((await server.store.voters.get(eve.id))!.phone).toBe('+33612345678');
    await dialog().getByLabel('New mobile number of eve').fill('+33 6 98 76 54 32');
    await clearAnnouncements(page);
    await dialog().getByRole('button', { name: 'Correct the phone' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('Phone number of eve corrected.');
    expect((await server.store.voters.get(eve.id))!.phone).toBe('+33698765432');
    const audit = (await client.get(`/api/v1/elections/${id}/audit`)).json.entries;
    expect(audit.find((x: { action: string }) => x.action === 'voter.phone')).toMatchObject({
      details: { login: 'eve', from: '+33***78', to: '+33***32', afterCredentials: true },
    });

    // French, on a phone.
    await page.setViewportSize({ width: 360, height: 800 });
    try {
      await page.getByRole('button', { name: 'Français' }).click();
      await help('Corriger le téléphone', 'fay').waitFor();
      for (const label of await helpButtons('fay').allTextContents()) {
        await help(label, 'fay').click();
        await dialog().waitFor();
        expect(await axeProblems(page), label).toEqual([]);
        await dialog().getByRole('button', { name: 'Annuler' }).click();
        await expect.poll(() => dialog().count(), POLL).toBe(0);
      }
    } finally {
      await page.getByRole('button', { name: 'English' }).click();
      await page.setViewportSize({ width: 1100, height: 900 });
    }
  });

  it('shows a ranked question made without a counting method (by belenios-tool, say) in the editor, and saving keeps it as is', async () => {
    const client = await signedIn();
    const created = await client.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Ranked vote',
      description: '',
      timeZone: 'Europe/Paris',
      group: 'RFC-3526-2048',
    });
    const id = created.json.id as string;
    const row = (await server.store.elections.get(id))!;
    const ranking = { type: 'NonHomomorphic', value: { answers: ['A', 'B', 'C'], question: 'Rank A, B, C' } };
    await server.store.elections.update(id, row.version, { questionsJson: JSON.stringify([ranking]) });
    await page.goto(`${server.url}/admin/elections/${id}`);
    const card = page.getByRole('group', { name: 'Question 1' });
    await card.getByLabel('Candidates (one per line)').waitFor();
    expect(await card.getByLabel('Question', { exact: true }).inputValue()).toBe('Rank A, B, C');
    expect(await card.getByLabel('Kind of question').inputValue()).toBe('schulze');
    const version = (await server.store.elections.get(id))!.version;
    await page.getByRole('button', { name: 'Save the questions' }).click();
    await expect
      .poll(async () => (await server.store.elections.get(id))!.version, POLL)
      .toBeGreaterThan(version);
    expect((await server.store.elections.get(id))!.questionsJson).toBe(JSON.stringify([ranking]));
    await page.screenshot({ path: join(SHOTS, 'ranked-question-editor.png'), fullPage: true });
  });

  it('goes back to the sign-in form when the session has ended', async () => {
    await page.goto(`${server.url}/admin/elections/${electionId}`);
    await page.getByRole('heading', { level: 1, name: 'Congrès 2026: bureau' }).waitFor();
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Identifiez-vous' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });
});
