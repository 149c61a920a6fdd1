/**
 * Issue 16 point 2 in Chromium: the recovery officer's page (/officer). Voting is open in an election
 * whose credentials are escrowed to the officer's key; three requests wait — Ana's own ("I lost my
 * credential"), Bob's from the help desk, and Cy's after the admin corrected Cy's address. The
 * officer, in French at 360 px, refuses Bob's with the keyboard (Bob is told by mail), approves the
 * two others, is stopped while no key file is loaded and when the file is not a key, then loads the
 * key file: the escrows are opened in the browser and Ana gets her same credential again, Cy gets
 * the same credential at the corrected address (told it replaces the earlier message; the old
 * address was told first). An English page loaded before the refusal approves Bob's request: the
 * catalogue's refusal, and nothing changes. The private key is planted and searched in every request
 * the browser sent, every answer it received and every server log line: it is in none.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireGroup } from '../../src/core/group.js';
import type { ElectionId } from '../../src/core/ids.js';
import {
  generateOfficerKey,
  parseOfficerPrivateKey,
  serializeOfficerPrivateKey,
  serializeOfficerPublicKey,
} from '../../src/protocol/credential-escrow.js';
import { credentialIn, type SmtpSink, startSmtpSink } from '../delivery/smtp-sink.js';
import {
  axeProblems,
  canRunBrowser,
  clearAnnouncements,
  POLL,
  recordAnswers,
  signInOnPage,
  TestBrowser,
} from '../world/browser.js';
import { Client, signedIn } from '../world/client.js';
import {
  addAccount,
  grant,
  issueVoterSecrets,
  organisationWithAdmin,
  QUESTIONS,
  type TestAccount,
  type TestVoter,
} from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

const MAIL = { timeout: 30_000, interval: 200 };

describe.skipIf(!canRunBrowser('officer'))('the recovery officer’s page', () => {
  let server: ListeningServer;
  let sink: SmtpSink;
  let browser: TestBrowser;
  let officer: TestAccount;
  let electionId: string;
  let draftId: ElectionId;
  let voters: TestVoter[];
  let keyFile: string;
  let privateKey: string;
  const sent: string[] = [];
  const answers: string[] = [];
  const corrected = 'cy.new@example.org';

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ mode: 'listen', label: 'officer-page', smtpUrl: sink.url });
    const org = await organisationWithAdmin(server, 'Fédération du Rhône');
    const admin = org.admin;
    const row = await server.elections.create(org.organisationId, admin, {
      name: 'Congrès fédéral',
      description: '',
      timeZone: 'UTC',
    });
    electionId = row.id;
    await server.elections.setQuestions(row.id, admin, QUESTIONS);
    await server.elections.importVoters(
      row.id,
      admin,
      'ana@example.org,ana,1,Ana\nbob@example.org,bob,1,Bob\ncy@example.org,cy,1,Cy',
      'fr',
    );
    await server.elections.useServerTrustee(row.id, admin);
    officer = await addAccount(server, 'officer');
    await grant(server, row.id, officer, 'credential-authority');
    const group = requireGroup(row.groupName);
    const key = generateOfficerKey(group);
    keyFile = serializeOfficerPrivateKey(group, key.privateKey);
    privateKey = key.privateKey.reveal().toString();
    const asOfficer = await signedIn(new Client(server.app), officer);
    const publicKey = serializeOfficerPublicKey(key.publicKey);
    expect(
      (await asOfficer.put(`/api/v1/elections/${row.id}/recovery/officer-key`, { publicKey })).status,
    ).toBe(200);
    voters = await issueVoterSecrets(server, row.id, admin);
    expect(await server.store.recovery.listEscrows(row.id)).toHaveLength(3);
    await server.elections.open(row.id, admin);
    const { recovery, rollChanges } = server.services;
    await recovery.requestBySelfService(row.id, 'ana', 'ana@example.org');
    await recovery.requestByHelpDesk(row.id, admin, voters[1]!.id);
    // Issue 16 point 2: after opening, a corrected address files a request for the same credential.
    expect(await rollChanges.correctAddress(row.id, admin, voters[2]!.id, corrected)).toMatchObject({
      credential: 'recovery-requested',
      noticeToOldAddress: true,
    });
    // A second election being prepared, whose officer has no key yet: made on the page.
    const draft = await server.elections.create(org.organisationId, admin, {
      name: 'Bureau fédéral',
      description: '',
      timeZone: 'UTC',
    });
    draftId = draft.id;
    await server.elections.importVoters(draftId, admin, 'dan@example.org,dan,1,Dan', 'fr');
    await grant(server, draftId, officer, 'credential-authority');
    browser = await TestBrowser.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sink?.close();
  });

  const officerPage = async (locale: string, width: number): Promise<Page> => {
    const page = await browser.page({ locale, width, timeout: 20_000 });
    page.on('request', (request) => sent.push(`${request.url()} ${request.postData() ?? ''}`));
    const recorded = recordAnswers(page);
    page.on('close', () => answers.push(...recorded));
    await page.goto(`${server.url}/officer`);
    await signInOnPage(page, officer, locale.startsWith('fr'));
    await page.locator(`#duty-${electionId}`).waitFor();
    return page;
  };
  const states = async () =>
    Object.fromEntries(
      (await server.store.recovery.listRequests(electionId)).map((r) => [
        voters.find((v) => v.id === r.voterId)!.login,
        r.state,
      ]),
    );

  it('refuses and approves requests, opens the escrows in the browser and re-sends the same credentials', async () => {
    // Loaded before any decision: this page's view of Bob's request goes stale below.
    const stale = await officerPage('en-GB', 1100);
    expect(await axeProblems(stale)).toEqual([]);

    const page = await officerPage('fr-FR', 360);
    const section = page.locator(`#duty-${electionId}`);
    expect(await section.locator('tbody tr th').allTextContents()).toEqual(['ana', 'bob', 'cy']);
    expect(await section.locator('tbody tr', { hasText: 'cy' }).textContent()).toMatch(
      /après une correction d’adresse/,
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeProblems(page)).toEqual([]);

    // Bob's, with the keyboard: the button, then the dialog's confirmation (focused on opening).
    await page.getByRole('button', { name: 'Refuser la demande de bob' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/informé par courriel/);
    expect(await axeProblems(page)).toEqual([]);
    await clearAnnouncements(page);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#page-status').textContent(), POLL)
      .toBe('Demande de bob refusée ; le votant en est informé par courriel.');
    expect(await states()).toEqual({ ana: 'pending', bob: 'rejected', cy: 'pending' });
    await expect.poll(() => sink.mailTo('bob@example.org').length, MAIL).toBe(1);
    const notice = sink.mailTo('bob@example.org')[0]!;
    expect(notice.subject).toMatch(/^Votre demande de code de vote a été refusée/);
    expect(notice.text).toMatch(/il fonctionne toujours, et c’est le seul pour votre identifiant/);
    expect(credentialIn(notice.text)).toBeUndefined();

    for (const login of ['ana', 'cy']) {
      await page.getByRole('button', { name: `Approuver la demande de ${login}` }).click();
      await clearAnnouncements(page);
      await page.getByRole('dialog').getByRole('button', { name: 'Approuver' }).click();
      await expect
        .poll(() => page.locator('#page-status').textContent(), POLL)
        .toBe(`Demande de ${login} approuvée.`);
    }
    expect(await states()).toEqual({ ana: 'approved', bob: 'rejected', cy: 'approved' });

    // No key loaded: said, and nothing fetched or sent.
    const send = page.getByRole('button', { name: 'Ouvrir 2 codes de vote et les envoyer' });
    await send.click();
    await expect
      .poll(() => page.locator('#page-alert').textContent(), POLL)
      .toMatch(/^Chargez d’abord votre fichier de clé privée/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('officer-key-file');
    // Not a key file: refused in the page, its content never echoed.
    await page
      .locator('#officer-key-file')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a key') });
    await expect
      .poll(() => page.locator('#officer-key-file-state').textContent(), POLL)
      .toBe('notes.txt n’est pas un fichier de clé privée de récupération. Rien n’a été envoyé.');
    await page
      .locator('#officer-key-file')
      .setInputFiles({ name: 'recovery.privkey', mimeType: 'text/plain', buffer: Buffer.from(keyFile) });
    await expect
      .poll(() => page.locator('#officer-key-file-state').textContent(), POLL)
      .toMatch(/^Clé chargée \(groupe BELENIOS-2048\)/);
    expect(await axeProblems(page)).toEqual([]);

    await send.click();
    await clearAnnouncements(page);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: 'Ouvrir 2 codes de vote et les envoyer' })
      .click();
    await expect
      .poll(() => page.locator('#page-status').textContent(), { timeout: 30_000, interval: 200 })
      .toBe('2 codes de vote envoyés aux adresses enregistrées des votants.');
    expect(await states()).toEqual({ ana: 'completed', bob: 'rejected', cy: 'completed' });
    expect((await section.locator('li').allTextContents()).map((l) => l.replace(/ \(.*\)$/, ''))).toEqual([
      'ana : le même code de vote a été renvoyé',
      'bob : refusée',
      'cy : le même code de vote a été renvoyé',
    ]);

    // The same credentials, each to its registered address only; Cy's at the corrected address.
    await expect.poll(() => sink.mailTo('ana@example.org').length, MAIL).toBe(1);
    expect(credentialIn(sink.mailTo('ana@example.org')[0]!.text)).toBe(voters[0]!.credential);
    await expect.poll(() => sink.mailTo(corrected).length, MAIL).toBe(1);
    const cy = sink.mailTo(corrected)[0]!;
    expect(credentialIn(cy.text)).toBe(voters[2]!.credential);
    expect(cy.text).toMatch(/remplace celui envoyé auparavant pour cette élection à votre ancienne adresse/);
    expect(cy.text).toMatch(
      /c’est le seul code de votre identifiant, le même que celui envoyé à votre ancienne adresse/,
    );
    // The old address heard of the change, and got no credential.
    const old = sink.mailTo('cy@example.org');
    expect(old).toHaveLength(1);
    expect(credentialIn(old[0]!.text)).toBeUndefined();

    // The stale English page approves Bob's refused request: the catalogue's words, nothing changes.
    await stale.getByRole('button', { name: 'Approve the request of bob' }).click();
    await clearAnnouncements(stale);
    await stale.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await expect
      .poll(() => stale.locator('#page-alert').textContent(), POLL)
      .toBe('This recovery request was already decided.');
    expect(await states()).toEqual({ ana: 'completed', bob: 'rejected', cy: 'completed' });
    expect(await stale.getByRole('button', { name: 'Approve the request of bob' }).count()).toBe(0);
    expect(await axeProblems(stale)).toEqual([]);
    expect(sink.mailTo('bob@example.org')).toHaveLength(1);

    await page.close();
    await stale.close();
    // The planted private key: in no request the browsers sent, no answer, no server log line.
    expect(sent.length).toBeGreaterThan(5);
    expect(answers.length).toBeGreaterThan(5);
    expect(server.logs.length).toBeGreaterThan(5);
    const everything = [...sent, ...answers, ...server.logs];
    expect(everything.filter((line) => line.includes(privateKey))).toEqual([]);
    expect(everything.filter((line) => line.includes(keyFile))).toEqual([]);
    // The search can find it: the key file itself holds it.
    expect(keyFile).toContain(privateKey);
  });

  it('makes the officer’s key pair in the browser: the private file is downloaded, only the public key is sent', async () => {
    const page = await officerPage('en-GB', 1100);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.url()} ${request.postData() ?? ''}`));
    await page.getByRole('button', { name: 'Make my key pair in this browser' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my private key (recovery.privkey)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('recovery.privkey');
    const file = readFileSync((await download.path())!, 'utf8');
    const parsed = parseOfficerPrivateKey(file);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(await axeProblems(page)).toEqual([]);
    await clearAnnouncements(page);
    await page.getByRole('button', { name: 'I saved the file: send my public key' }).click();
    await expect
      .poll(() => page.locator('#page-status').textContent(), POLL)
      .toBe('Public key set for 1 election.');
    const settings = await server.store.recovery.getSettings(draftId);
    expect(settings).toMatchObject({ mode: 'escrow', officerAccountId: officer.id });
    // The public key set is the one of the downloaded private key; the private one went nowhere.
    const X = BigInt(JSON.parse(settings!.officerKeyJson!).public_key);
    expect(X).toBe(parsed.group.gPow(parsed.key.reveal()));
    const planted = parsed.key.reveal().toString();
    expect(requests.some((r) => r.includes('officer-key'))).toBe(true);
    expect([...requests, ...server.logs].filter((line) => line.includes(planted))).toEqual([]);
    expect(await page.getByRole('button', { name: 'Make my key pair in this browser' }).count()).toBe(0);
    await page.close();
  });
});
