/**
 * Issue 17 in Chromium: the voter's proxy page. A voter signs in with their own login and password
 * and gives their proxy to another voter (French, 360 px); the holder signs in and accepts it
 * (English); a third voter's proxy to the same holder is refused at the cap with the catalogue's
 * message, and nothing is recorded; the giver revokes before opening. No axe violation on any screen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, canRunBrowser, launchChromium, POLL } from '../world/browser.js';
import { draftElection, organisationWithAdmin, type TestElection } from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

describe.skipIf(!canRunBrowser('proxies'))('the proxy page', () => {
  let server: ListeningServer;
  let browser: Browser;
  let election: TestElection;

  beforeAll(async () => {
    server = await startTestServer({ mode: 'listen', label: 'proxies-page' });
    const org = await organisationWithAdmin(server, 'Fédération');
    election = await draftElection(server, org.organisationId, org.admin, { voters: 3 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = async (voter: number, locale: string, width: number): Promise<Page> => {
    const context = await browser.newContext({ locale, viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url.replace(/\/$/, '')}/proxies/${election.id}`);
    await expect.poll(() => page.locator('#login').count(), POLL).toBe(1);
    expect(await axeProblems(page)).toEqual([]);
    const v = election.voters[voter - 1]!;
    await page.fill('#login', v.login);
    await page.fill('#password', v.password);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#proxy-intro').count(), POLL).toBe(1);
    return page;
  };
  const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  it('lets a voter give a proxy (FR, 360 px) and the holder accept it (EN); the cap refuses a second one', async () => {
    const giver = await signIn(1, 'fr-FR', 360);
    expect(await giver.locator('h1').textContent()).toBe('Procurations');
    await giver.fill('#holder', 'voter2');
    await giver.getByRole('button', { name: 'Donner ma procuration' }).click();
    await expect
      .poll(() => giver.locator('#proxy-given').textContent(), POLL)
      .toContain("Vous avez donné procuration à Voter 2 (voter2) (en attente d'acceptation)");
    expect(await fits(giver)).toBeLessThanOrEqual(360);
    expect(await axeProblems(giver)).toEqual([]);

    const holder = await signIn(2, 'en-GB', 1100);
    await holder.getByRole('button', { name: 'Accept – Voter 1 (voter1)' }).click();
    await expect
      .poll(() => holder.locator('.proxy-list li').last().textContent(), POLL)
      .toContain('From Voter 1');
    await expect
      .poll(() => holder.getByRole('button', { name: 'Give it back – Voter 1 (voter1)' }).count(), POLL)
      .toBe(1);
    expect(await axeProblems(holder)).toEqual([]);
    expect((await server.store.proxies.list(election.id)).map((p) => p.state)).toEqual(['accepted']);

    const third = await signIn(3, 'en-GB', 360);
    await third.fill('#holder', 'voter2');
    await third.getByRole('button', { name: 'Give my proxy' }).click();
    await expect
      .poll(() => third.locator('[role="alert"]').textContent(), POLL)
      .toContain('already holds as many proxies as the election allows');
    expect((await server.store.proxies.list(election.id)).map((p) => p.state)).toEqual(['accepted']);
    expect(await axeProblems(third)).toEqual([]);

    // A reload keeps the voter's session: the page shows the proxy, now accepted.
    await giver.reload();
    await expect.poll(() => giver.locator('#proxy-given').textContent(), POLL).toContain('(acceptée)');
    await expect.poll(() => giver.locator('#proxy-given').count(), POLL).toBe(1);
    await giver.getByRole('button', { name: 'Révoquer – Voter 2 (voter2)' }).click();
    await expect.poll(() => giver.locator('#holder').count(), POLL).toBe(1);
    expect((await server.store.proxies.list(election.id)).map((p) => p.state)).toEqual(['revoked']);
    expect(await axeProblems(giver)).toEqual([]);
  });
});
