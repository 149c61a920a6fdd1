/**
 * The consultation pages, driven in Chromium against the real server (issue 11): an org admin
 * creates a consultation from the home page's template form, imports one roll CSV (a bad file is
 * refused with its line numbers and imports nothing), sees the boxes table, is told in a dialog what
 * an action on all boxes does (and cancelling changes nothing), annuls a draft box with its reason
 * and replaces it by a paper box marked not cryptographically verifiable. The home groups the boxes
 * under their consultation; the box's admin page and public pages say where the box stands; the
 * procès-verbal is a page (refused, with a page, to strangers while provisional); a scrutineer of a
 * box gets a read-only view. axe-core finds no violation on any of these pages, in English and in
 * French, and the consultation page fits a 360 px screen. No vote is cast here (see
 * congress-scenario.test.ts for the whole congress).
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElectionId } from '../../src/core/ids.js';
import {
  axeProblems,
  canRunBrowser,
  clearAnnouncements,
  type PageOptions,
  POLL,
  signInOnPage,
  TestBrowser,
} from '../world/browser.js';
import { addAccount, grant, organisationWithAdmin, type TestAccount } from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

const ROLL = [
  'federation,email,login,weight,name',
  'Paris,p1@example.org,p1,3,Paule Un',
  'Paris,p2@example.org,p2,2,Pierre Deux',
  'Lyon,l1@example.org,l1,1,Lou Un',
  'Outre-mer,o1@example.org,o1,4,Océane Un',
].join('\n');

describe.skipIf(!canRunBrowser('admin', 'election', 'scrutineer'))('the consultation pages', () => {
  let server: ListeningServer;
  let browser: TestBrowser;
  let admin: TestAccount;
  let organisationId: string;
  let scrutineer: TestAccount;
  let page: Page;
  let consultationUrl = '';
  const boxes: Record<string, ElectionId> = {};

  const newPage = (options: PageOptions = {}) => browser.page({ timeout: 15_000, ...options });
  const status = () => page.locator('#page-status');
  const alert = () => page.locator('#page-alert');
  const row = (label: string) => page.locator(`#box-table tbody tr[data-box="${label}"]`);
  const expectAccessible = async (target: Page, name: string) =>
    expect(await axeProblems(target), name).toEqual([]);

  beforeAll(async () => {
    server = await startTestServer({ mode: 'listen', label: 'consultation-pages' });
    ({ admin, organisationId } = await organisationWithAdmin(server, 'Parti des Communes'));
    scrutineer = await addAccount(server, 'box-scrutineer');
    browser = await TestBrowser.launch();
    page = await newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a consultation from the template form on the home page: one draft box per federation', async () => {
    await page.goto(`${server.url}/admin`);
    await signInOnPage(page, admin);
    await page.getByRole('heading', { name: 'Your organisations' }).waitFor();
    await page.getByText('New consultation (one ballot box per federation)').click();
    await expectAccessible(page, 'home with the new-consultation form open');
    const form = page.locator('details[id^="new-consultation-"]');
    await clearAnnouncements(page);
    await form.getByRole('button', { name: 'Create the consultation' }).click();
    await expect.poll(() => alert().textContent(), POLL).toContain('Give a name, at least one ballot box');
    await form.getByLabel('Name of the consultation').fill('Congrès 2027');
    await form.getByLabel('Time zone of the consultation').fill('Europe/Paris');
    await form.getByLabel('Ballot boxes, one federation per line').fill('Paris\nLyon\nOutre-mer');
    await form.getByLabel('Question', { exact: true }).fill('Qui doit diriger le parti ?');
    await form
      .getByLabel('Candidates or answers, one per line')
      .fill('Alice Martin\nBruno Diallo\nChloé Nguyen');
    await form.getByRole('button', { name: 'Create the consultation' }).click();
    await page.waitForURL(/\/admin\/consultations\//);
    consultationUrl = page.url();
    await page.getByRole('heading', { level: 1, name: 'Congrès 2027' }).waitFor();
    expect(await page.locator('#round').textContent()).toBe('Round 1');
    expect(await page.locator('.round-header').textContent()).toContain(
      'elected with more than 50 % of the votes cast; otherwise the top 2 go through',
    );
    expect(await page.locator('#box-table tbody tr').count()).toBe(3);
    for (const label of ['Paris', 'Lyon', 'Outre-mer']) {
      expect(await row(label).locator('.box-state').textContent()).toBe('Draft (being prepared)');
      const href = await row(label).getByRole('link', { name: label }).getAttribute('href');
      boxes[label] = href!.split('/').pop()! as ElectionId;
    }
    await expectAccessible(page, 'consultation page, new');
  });

  it('refuses a bad roll as a whole with the line numbers, then imports the whole roll', async () => {
    await page
      .getByLabel('Or paste the CSV here')
      .fill(`${ROLL}\nMarseille,m1@example.org,m1,1,Marc\nParis,not-an-address,p9,1,X`);
    await clearAnnouncements(page);
    await page.getByRole('button', { name: 'Import the roll' }).click();
    await expect.poll(() => alert().textContent(), POLL).toContain('nothing was imported');
    const problems = await alert().locator('li').allTextContents();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^Line 6\b/);
    expect(problems[1]).toMatch(/^Line 7\b/);
    await page.reload();
    await row('Paris').waitFor();
    expect(await row('Paris').locator('td').nth(2).textContent()).toBe('0');
    await expectAccessible(page, 'consultation page, roll refused');

    await page.getByLabel('Or paste the CSV here').fill(ROLL);
    await clearAnnouncements(page);
    await page.getByRole('button', { name: 'Import the roll' }).click();
    await expect
      .poll(() => status().textContent(), POLL)
      .toBe('Roll imported: Paris 2, Lyon 1, Outre-mer 1.');
    expect(await row('Paris').locator('td').nth(2).textContent()).toBe('2');
    expect(await row('Outre-mer').locator('td').nth(2).textContent()).toBe('1');
  });

  it('applies the settings card to every box: a scrutineer ticked, then unticked, loses the role on every draft box', async () => {
    const observer = await addAccount(server, 'camp-observer');
    await server.store.accounts.addMembership({ organisationId, accountId: observer.id, role: 'member' });
    await page.reload();
    const card = page.locator('#consultation-settings');
    const tick = card.getByLabel(`${observer.displayName} <${observer.email}>`);
    await tick.waitFor();
    // This server has no SMS gateway: mail only, and the card says why.
    const channel = card.getByLabel('How passwords and sign-in codes travel');
    expect(await channel.locator('option').allTextContents()).toEqual(['By mail']);
    expect(await card.textContent()).toContain('no SMS gateway (SMS_URL)');
    const roles = async () =>
      Promise.all(
        Object.values(boxes).map(async (electionId) =>
          (await server.store.elections.listRoles(electionId))
            .filter((r) => r.accountId === observer.id)
            .map((r) => r.role),
        ),
      );
    await tick.check();
    await card.getByLabel('Help contact printed in every message').fill('Permanence du congrès');
    await clearAnnouncements(page);
    await card.getByRole('button', { name: 'Apply to every box' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('Settings applied to every box.');
    expect(await roles()).toEqual([['scrutineer'], ['scrutineer'], ['scrutineer']]);
    for (const electionId of Object.values(boxes))
      expect((await server.store.delivery.getSettings(electionId))?.helpContact).toBe(
        'Permanence du congrès',
      );
    await expectAccessible(page, 'consultation page, settings applied');

    await page
      .locator('#consultation-settings')
      .getByLabel(`${observer.displayName} <${observer.email}>`)
      .uncheck();
    await clearAnnouncements(page);
    await page.locator('#consultation-settings').getByRole('button', { name: 'Apply to every box' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('Settings applied to every box.');
    expect(await roles()).toEqual([[], [], []]);
    const revoked = (await server.store.audit.list({ organisationId })).filter(
      (e) => e.action === 'role.revoke',
    );
    expect(revoked).toHaveLength(3);
  });

  it('says in a dialog what an action on all boxes does; cancelling sends nothing', async () => {
    await page.getByRole('button', { name: 'Generate and send the credentials of every draft box' }).click();
    const dialog = page.getByRole('dialog');
    const text = await dialog.textContent();
    expect(text).toContain('mails it to that voter only');
    expect(text).toContain('Boxes concerned: Paris, Lyon, Outre-mer.');
    await expectAccessible(page, 'consultation page, confirmation dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Back where the keyboard was: on the button that opened the dialog.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Generate and send the credentials of every draft box',
    );
    // Still due on every box: nothing was generated.
    for (const label of ['Paris', 'Lyon', 'Outre-mer'])
      await row(label)
        .getByRole('button', { name: `Generate and send the credentials: ${label}` })
        .waitFor();
    // Opening is refused by the server for boxes without credentials, and the page says so per box.
    await page.getByRole('button', { name: 'Open every box' }).click();
    await clearAnnouncements(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Open every box' }).click();
    await expect.poll(() => alert().textContent(), POLL).toContain('0 boxes moved.');
    const refusals = await alert().locator('li').allTextContents();
    expect(refusals.map((line) => line.split(':')[0])).toEqual(['Paris', 'Lyon', 'Outre-mer']);
    expect(await row('Paris').locator('.box-state').textContent()).toBe('Draft (being prepared)');
  });

  it('annuls a draft box with its reason and replaces it by a paper box, marked not cryptographically verifiable', async () => {
    // With the keyboard only: focus the button, Enter opens the dialog, typing goes in its field.
    await row('Lyon').getByRole('button', { name: 'Annul: Lyon' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('excluded from the consolidated result');
    await dialog.getByRole('button', { name: 'Annul' }).click();
    expect(await dialog.getByRole('alert').textContent()).toBe('Give the reason (at least 5 characters).');
    // Spaces are not a reason (issue 20): refused before sending, like the server refuses it.
    await dialog.getByLabel('Reason for the annulment').fill('a   b  c d');
    await dialog.getByRole('alert').evaluate((alert) => alert.replaceChildren());
    await dialog.getByRole('button', { name: 'Annul' }).click();
    expect(await dialog.getByRole('alert').textContent()).toBe('Give the reason (at least 5 characters).');
    await dialog
      .getByLabel('Reason for the annulment')
      .fill('Section meeting held in person: counted on paper');
    await clearAnnouncements(page);
    await dialog.getByRole('button', { name: 'Annul' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('The box Lyon is annulled.');
    expect(await row('Lyon').textContent()).toContain(
      'Annulled: Section meeting held in person: counted on paper',
    );
    expect(await row('Lyon').textContent()).toContain('annulled, not counted');

    await page.getByLabel('Replaces an annulled box').selectOption({ label: 'Lyon' });
    expect(await page.getByLabel('Label of the box (federation)').inputValue()).toBe('Lyon');
    await page.getByLabel('Entered by (name of the person responsible)').fill('Léa Dupont, secrétaire');
    await page.getByLabel('Registered voters').fill('1');
    await page.getByLabel('Ballots counted').fill('1');
    await page.getByLabel('Blank votes').fill('0');
    await page.getByLabel('Alice Martin').fill('1');
    await page.getByLabel('Bruno Diallo').fill('0');
    await page.getByLabel('Chloé Nguyen').fill('0');
    await page.getByLabel('Counting report (file, kept when at most 256 KiB)').setInputFiles({
      name: 'lyon-pv.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Procès-verbal de dépouillement, Lyon: Alice Martin 1'),
    });
    await page.getByRole('button', { name: 'Record the paper box' }).click();
    expect(await page.getByRole('dialog').textContent()).toContain('Léa Dupont, secrétaire');
    await clearAnnouncements(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Record the paper box' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('The paper box Lyon was recorded.');
    const rows = page.locator('#box-table tbody tr[data-box="Lyon"]');
    expect(await rows.count()).toBe(2);
    const paper = await rows.nth(1).textContent();
    expect(paper).toContain('paper (not cryptographically verifiable)');
    expect(paper).toContain('re-run of the annulled box Lyon');
    expect(paper).toContain('verified and counted');
    // The paper box counts in the provisional result, which says it is provisional.
    expect(await page.locator('#result-status').textContent()).toContain('Provisional');
    expect(await page.locator('#consolidated-result').textContent()).toContain(
      'of which 1 entered by hand (not cryptographically verifiable)',
    );
    await expectAccessible(page, 'consultation page, annulled and paper boxes');
  });

  it('is in French after the language switch, accessible, and fits a 360 px screen', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Urnes', exact: true }).waitFor();
    expect(await page.locator('#round').textContent()).toBe('Premier tour');
    expect(await row('Paris').locator('.box-state').textContent()).toBe('Brouillon (en préparation)');
    await expectAccessible(page, 'consultation page, French');
    const small = await newPage({ width: 360, locale: 'fr-FR' });
    await small.goto(consultationUrl);
    await signInOnPage(small, admin, true);
    await small.getByRole('heading', { level: 1, name: 'Congrès 2027' }).waitFor();
    const wide = await small.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => !e.parentElement?.closest('.table-scroll') && e.getBoundingClientRect().right > 361)
        .map((e) => `${e.tagName}.${e.className}#${e.id}:${Math.round(e.getBoundingClientRect().right)}`)
        .slice(0, 15),
    );
    expect(wide).toEqual([]);
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(small, 'consultation page, 360 px');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Ballot boxes', exact: true }).waitFor();
  });

  it('groups the boxes under their consultation on the home page', async () => {
    await page.goto(`${server.url}/admin`);
    const item = page.locator('.consultation-item');
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    expect(await item.getByRole('link', { name: 'Congrès 2027' }).getAttribute('href')).toBe(
      new URL(consultationUrl).pathname,
    );
    const listed = await item.locator('.boxes li').allTextContents();
    expect(listed).toEqual([
      'Paris — Draft (being prepared)',
      'Lyon — Annulled',
      'Outre-mer — Draft (being prepared)',
      'Lyon — paper (not cryptographically verifiable)',
    ]);
    expect(await page.locator('.card').first().textContent()).toContain('No election yet');
  });

  it('names the consultation on the box pages: admin page header and public pages of the annulled box', async () => {
    await page.goto(`${server.url}/admin/elections/${boxes.Paris}`);
    const line = page.locator('#box-consultation');
    await line.waitFor();
    expect(await line.textContent()).toContain(
      'Ballot box Paris of the consultation “Congrès 2027”, round 1.',
    );
    expect(await line.getByRole('link', { name: 'Open the consultation' }).getAttribute('href')).toBe(
      new URL(consultationUrl).pathname,
    );
    await expectAccessible(page, 'box admin page with its consultation line');

    const visitor = await newPage({ locale: 'fr-FR' });
    await visitor.goto(`${server.url}/elections/${boxes.Lyon}`);
    const links = visitor.locator('#consultation-links');
    await links.waitFor();
    expect(await links.textContent()).toContain(
      'Ceci est l’urne Lyon de la consultation « Congrès 2027 », premier tour.',
    );
    expect(await visitor.locator('#rerun-link').textContent()).toContain(
      'remplacée par une urne papier Lyon (non vérifiable cryptographiquement)',
    );
    await expectAccessible(visitor, 'public page of an annulled box, French');
  });

  it('serves the procès-verbal as a page: to readers while provisional, refused (as a page) to strangers', async () => {
    const id = new URL(consultationUrl).pathname.split('/').pop()!;
    const link = page.locator('#consolidated-result').getByRole('link', { name: 'Procès-verbal (French)' });
    await page.goto(consultationUrl);
    expect(await link.getAttribute('href')).toBe(`/admin/consultations/${id}/proces-verbal?lang=fr`);
    await link.click();
    await page.waitForURL(/proces-verbal/);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.textContent('body')).toContain('non vérifiable cryptographiquement');
    await expectAccessible(page, 'procès-verbal, French');
    await page.goto(`${server.url}/admin/consultations/${id}/proces-verbal?lang=en`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.textContent('body')).toContain('not cryptographically verifiable');
    await expectAccessible(page, 'procès-verbal, English');

    const stranger = await newPage({ locale: 'fr-FR' });
    const answer = await stranger.goto(`${server.url}/admin/consultations/${id}/proces-verbal`);
    expect(answer?.status()).toBe(409);
    expect(answer?.headers()['content-type']).toContain('text/html');
    expect(await stranger.textContent('main')).toContain('Le résultat consolidé n');
    await expectAccessible(stranger, 'procès-verbal refused, French');
  });

  it("gives a box's scrutineer a read-only view of the consultation", async () => {
    await grant(server, boxes.Paris!, scrutineer, 'scrutineer');
    const view = await newPage();
    await view.goto(`${server.url}/scrutineer/${boxes.Paris}`);
    await signInOnPage(view, scrutineer);
    const section = view.locator('#consultation');
    await section.waitFor();
    expect(await section.getByRole('heading', { level: 2 }).first().textContent()).toBe(
      'Consultation: Congrès 2027',
    );
    expect(await section.locator('#box-table tbody tr').count()).toBe(4);
    expect(await section.getByRole('button').count()).toBe(0);
    expect(await section.locator('#result-status').textContent()).toContain('Provisional');
    await expectAccessible(view, 'scrutineer console with the consultation');
    await view.getByRole('button', { name: 'Français' }).click();
    await view.getByRole('heading', { level: 2, name: 'Consultation\u00a0: Congrès 2027' }).waitFor();
    await expectAccessible(view, 'scrutineer console with the consultation, French');
  });
});
