/**
 * Issue 11, in a real Chromium against the real server: before opening, the booth offers the
 * access test the invitation mail announces (sign in, credential checked by a proof, nothing cast);
 * once open, a voter who votes again is told before casting that the new ballot replaces the
 * previous one, and after casting that it did. French at 360 px for the access test, English for the
 * second vote.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, canRunBrowser, launchChromium, POLL } from '../world/browser.js';
import { draftElection, organisationWithAdmin, type TestElection } from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

describe.skipIf(!canRunBrowser('booth'))('booth notices: access test before opening, replaced ballot', () => {
  let server: ListeningServer;
  let browser: Browser;
  let election: TestElection;
  let admin: { id: string };

  beforeAll(async () => {
    server = await startTestServer({ mode: 'listen', label: 'booth-notices' });
    const org = await organisationWithAdmin(server, 'Fédération des Alpes');
    admin = org.admin;
    election = await draftElection(server, org.organisationId, admin, { voters: 2 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const booth = async (locale: string, width: number): Promise<Page> => {
    const context = await browser.newContext({ locale, viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url.replace(/\/$/, '')}/vote/${election.id}`);
    return page;
  };
  const signIn = async (page: Page, login: string, password: string, labels: [string, string, string]) => {
    await page.getByLabel(labels[0], { exact: true }).fill(login);
    await page.getByLabel(labels[1], { exact: true }).fill(password);
    await page.getByRole('button', { name: labels[2] }).click();
  };

  it('offers the access test while the vote is not open, and checks the credential without casting', async () => {
    const voter = election.voters[0]!;
    const page = await booth('fr-FR', 360);
    await expect.poll(() => page.locator('h1').textContent(), POLL).not.toBe(null);
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tester mon accès maintenant' }).click();
    await signIn(page, voter.login, voter.password, ['Identifiant', 'Mot de passe', 'Se connecter']);
    await expect.poll(() => page.locator('h1').textContent(), POLL).toBe('Test d’accès');
    // Another voter's credential is refused by the server's check (a valid code, not this voter's).
    const field = page.locator('#credential');
    await field.fill(election.voters[1]!.credential);
    await page.getByRole('button', { name: 'Tester mon code' }).click();
    await expect
      .poll(() => page.locator('#booth-alert').textContent(), POLL)
      .toMatch(/n'est pas le code de vote enregistré pour vous/);
    await field.fill(voter.credential);
    await page.getByRole('button', { name: 'Tester mon code' }).click();
    await expect
      .poll(() => page.locator('#access-result').textContent(), POLL)
      .toMatch(/Votre accès fonctionne/);
    expect(await axeProblems(page)).toEqual([]);
    expect(await server.store.board.listCasts(election.id)).toEqual([]);
    await page.context().close();
  });

  it('says a second ballot replaces the first, before and after casting', async () => {
    await server.elections.open(election.id, admin);
    const voter = election.voters[0]!;
    const vote = async (expectReplace: boolean) => {
      const page = await booth('en-GB', 1280);
      await signIn(page, voter.login, voter.password, ['Login', 'Password', 'Sign in']);
      await page.getByRole('textbox', { name: 'Voting credential' }).fill(voter.credential);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('radio', { name: 'Bruno Diallo' }).check();
      await page.getByRole('checkbox', { name: 'Budget A' }).check();
      await page.getByRole('button', { name: 'Review my vote' }).click();
      await expect.poll(() => page.locator('#cast-button').count(), POLL).toBe(1);
      expect(await axeProblems(page)).toEqual([]);
      const notice = page.locator('#replaces-notice');
      expect(await notice.count()).toBe(expectReplace ? 1 : 0);
      if (expectReplace)
        expect(await notice.textContent()).toBe(
          'You have already voted; this ballot will replace your previous one. Only your last ballot counts.',
        );
      await page.locator('#cast-button').click();
      await expect.poll(() => page.locator('#tracker').count(), POLL).toBe(1);
      const replaced = page.locator('#replaced-notice');
      expect(await replaced.count()).toBe(expectReplace ? 1 : 0);
      if (expectReplace) expect(await replaced.textContent()).toMatch(/replaced the previous one/);
      expect(await axeProblems(page)).toEqual([]);
      await page.context().close();
    };
    await vote(false);
    await vote(true);
    expect((await server.store.board.listCasts(election.id)).length).toBe(2);
  });
});
