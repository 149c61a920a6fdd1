/**
 * Issue 16 point 2 in Chromium: a voter who lost their credential asks for a new one from the booth
 * (login and registered address) while voting is open; the request reaches the recovery service as
 * the voter's own, and an unknown login gets exactly the same answer and files nothing. The public
 * page offers the same form; an election without recovery names its help contact instead. French
 * and English at 360 px, with no axe violation.
 */

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireGroup } from '../../src/core/group.js';
import type { ElectionId } from '../../src/core/ids.js';
import { saveDeliverySettings } from '../../src/delivery/index.js';
import { generateOfficerKey, serializeOfficerPublicKey } from '../../src/protocol/credential-escrow.js';
import { axeProblems, canRunBrowser, launchChromium, POLL } from '../world/browser.js';
import { Client, signedIn } from '../world/client.js';
import {
  addAccount,
  draftElection,
  grant,
  issueVoterSecrets,
  organisationWithAdmin,
  QUESTIONS,
  type TestAccount,
  type TestVoter,
} from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

const HELP = 'assistance@federation.example';

describe.skipIf(!canRunBrowser('booth', 'election'))('I lost my credential', () => {
  let server: ListeningServer;
  let browser: Browser;
  let admin: TestAccount;
  let escrowId: string;
  let voters: TestVoter[];
  let plainId: ElectionId;

  beforeAll(async () => {
    server = await startTestServer({ mode: 'listen', label: 'lost-credential' });
    const org = await organisationWithAdmin(server, 'Fédération des Alpes');
    admin = org.admin;
    // An election whose officer set an escrow key before credentials were made.
    const row = await server.elections.create(org.organisationId, admin, {
      name: 'Congrès',
      description: '',
      timeZone: 'Europe/Paris',
    });
    escrowId = row.id;
    await server.elections.setQuestions(row.id, admin, QUESTIONS);
    await server.elections.importVoters(
      row.id,
      admin,
      'ana@example.org,ana,1,Ana\nbob@example.org,bob,1,Bob',
      'en',
    );
    await server.elections.useServerTrustee(row.id, admin);
    const officer = await addAccount(server, 'officer');
    await grant(server, row.id, officer, 'credential-authority');
    const asOfficer = await signedIn(new Client(server.app), officer);
    const publicKey = serializeOfficerPublicKey(generateOfficerKey(requireGroup(row.groupName)).publicKey);
    expect(
      (await asOfficer.put(`/api/v1/elections/${row.id}/recovery/officer-key`, { publicKey })).status,
    ).toBe(200);
    voters = await issueVoterSecrets(server, row.id, admin);
    await server.elections.open(row.id, admin);
    // An election without recovery, with a help contact.
    const plain = await draftElection(server, org.organisationId, admin, { voters: 1, name: 'Bureau' });
    plainId = plain.id;
    await saveDeliverySettings(server.store, plainId, admin.id, {
      loginMode: 'password',
      passwordDelaySeconds: 0,
      helpContact: HELP,
      defaultLanguage: 'fr',
    });
    await server.elections.open(plainId, admin);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (path: string, locale: string): Promise<Page> => {
    const context = await browser.newContext({ locale, viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url.replace(/\/$/, '')}${path}`);
    await expect.poll(() => page.locator('#lost-credential').count(), POLL).toBe(1);
    return page;
  };
  const requests = () => server.store.recovery.listRequests(escrowId);
  const ask = async (page: Page, labels: [string, string, string], login: string, email: string) => {
    await page.locator('#lost-credential summary').click();
    await page.getByLabel(labels[0], { exact: true }).fill(login);
    await page.getByLabel(labels[1], { exact: true }).fill(email);
    await page.getByRole('button', { name: labels[2] }).click();
  };

  it('files the voter’s request from the booth, in French at 360 px, and answers an unknown login alike', async () => {
    const page = await open(`/vote/${escrowId}`, 'fr-FR');
    expect(await page.locator('#lost-credential summary').textContent()).toBe('J’ai perdu mon code de vote');
    const submit = () => page.getByRole('button', { name: 'Demander un nouveau code de vote' }).click();
    await page.locator('#lost-credential summary').click();
    await page.getByLabel('Votre identifiant', { exact: true }).fill(voters[0]!.login);
    await page.getByLabel('Votre adresse enregistrée', { exact: true }).fill('ANA@example.org');
    await submit();
    await expect
      .poll(() => page.locator('#lost-credential-status').textContent(), POLL)
      .toMatch(/^Demande reçue\./);
    const answer = await page.locator('#lost-credential-status').textContent();
    // Voting is open: the same credential is sent again (sealed at opening), never a new one.
    expect(answer).toMatch(/votre code de vote sera renvoyé par courriel à votre seule adresse enregistrée/);
    expect(answer).toMatch(/C’est le même code/);
    const filed = await requests();
    expect(filed.map((r) => ({ voterId: r.voterId, origin: r.origin, state: r.state }))).toEqual([
      { voterId: voters[0]!.id, origin: 'voter', state: 'pending' },
    ]);
    expect(page.viewportSize()?.width).toBe(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeProblems(page)).toEqual([]);
    // Not on the roll: the very same words, and nothing filed.
    await page.locator('#lost-login').fill('nobody');
    await page.locator('#lost-email').fill('nobody@example.org');
    await submit();
    await expect.poll(() => page.locator('#lost-credential-status').textContent(), POLL).toBe(answer);
    expect(await requests()).toHaveLength(1);
    await page.context().close();
  });

  it('offers the same form in English, in the booth and on the public page, with no axe violation', async () => {
    const booth = await open(`/vote/${escrowId}`, 'en-GB');
    await booth.locator('#lost-credential summary').click();
    expect(await booth.getByLabel('Your registered address', { exact: true }).count()).toBe(1);
    expect(await booth.getByRole('button', { name: 'Ask for a new credential' }).count()).toBe(1);
    expect(await axeProblems(booth)).toEqual([]);
    await booth.context().close();
    const page = await open(`/elections/${escrowId}`, 'en-GB');
    await ask(
      page,
      ['Your login', 'Your registered address', 'Ask for a new credential'],
      voters[1]!.login,
      voters[1]!.email,
    );
    await expect
      .poll(() => page.locator('#lost-credential-status').textContent(), POLL)
      .toMatch(
        /^Request received\..*It is the same credential: if you find the earlier message, it still works/,
      );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeProblems(page)).toEqual([]);
    expect((await requests()).map((r) => r.voterId).sort()).toEqual([voters[0]!.id, voters[1]!.id].sort());
    await page.context().close();
  });

  it('lists the requests in the help column of the admin’s delivery table', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url.replace(/\/$/, '')}/admin`);
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your organisations' }).waitFor();
    await page.goto(`${server.url.replace(/\/$/, '')}/admin/elections/${escrowId}`);
    const row = (login: string) => page.locator('#delivery-table tbody tr', { hasText: login });
    await expect.poll(() => row(voters[0]!.login).locator('.recovery-requests li').count(), POLL).toBe(1);
    expect(await row(voters[0]!.login).locator('.recovery-requests li').textContent()).toMatch(
      /^Recovery request from the voter \(“I lost my credential”\), .*: waiting for the recovery officer$/,
    );
    expect(await axeProblems(page)).toEqual([]);
    await context.close();
  });

  it('names the help contact where the election offers no recovery', async () => {
    const page = await open(`/vote/${plainId}`, 'fr-FR');
    expect(await page.locator('#lost-credential-contact').textContent()).toBe(
      `Si vous avez perdu votre code de vote, contactez : ${HELP}`,
    );
    expect(await page.locator('#lost-login').count()).toBe(0);
    expect(await axeProblems(page)).toEqual([]);
    await page.context().close();
  });
});
