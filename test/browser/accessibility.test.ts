/**
 * axe-core (WCAG 2.2 A/AA and best practices) on every page the platform serves, in the states a
 * user meets them: each booth step (including a validation error, in English at 390 px and in
 * French at 360 px), the admin pages (sign-in, home with its forms open, a draft election with every
 * form, a confirmation dialog, an open election), the scrutineer console (open, then closed with the
 * sign-in list), and the trustee and public election pages when built. Zero violations everywhere.
 * One server, one browser. Screenshots of each booth step and of the published results page go to
 * test-artifacts/accessibility/.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, type Demo } from '../../src/cli/scrutin/demo.js';
import {
  artifactDir,
  axeViolations,
  canRunBrowser,
  clearAnnouncements,
  describeViolations,
  launchChromium,
  POLL,
  signInOnPage,
  signInToBooth,
} from '../world/browser.js';
import { type Client, signedIn } from '../world/client.js';
import { addAccount, grant, type TestAccount } from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

const SHOTS = artifactDir('accessibility');

describe.skipIf(!canRunBrowser('booth', 'admin', 'scrutineer'))(
  'accessibility of every page (axe-core)',
  () => {
    let server: ListeningServer;
    let browser: Browser;
    let demo: Demo;
    let scrutineer: TestAccount;
    let admin: Client;
    const checked: string[] = [];
    const trackers: string[] = [];

    async function expectAccessible(page: Page, name: string, screenshot = false) {
      const violations = await axeViolations(page);
      expect(describeViolations(violations), name).toEqual([]);
      checked.push(name);
      if (screenshot) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    }

    beforeAll(async () => {
      server = await startTestServer({ mode: 'listen', label: 'accessibility' });
      demo = await createDemo(server.store, server.elections, server.url, 3);
      scrutineer = await addAccount(server, 'a11y-scrutineer');
      await grant(server, demo.electionId, scrutineer, 'scrutineer');
      admin = await signedIn(server.app, demo.admin);
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('the booth, step by step, in English at 390 px and in French at 360 px', async () => {
      for (const [index, locale, width] of [
        [0, 'en-GB', 390],
        [1, 'fr-FR', 360],
      ] as const) {
        const voter = demo.voters[index]!;
        const tag = `booth-${locale.slice(0, 2)}-${width}`;
        const context = await browser.newContext({ viewport: { width, height: 800 }, locale });
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        const fr = locale === 'fr-FR';
        await page.goto(voter.link);
        await page.getByRole('heading', { name: fr ? 'Identifiez-vous' : 'Sign in' }).waitFor();
        await expectAccessible(page, `${tag}-1-sign-in`, true);
        await signInToBooth(page, voter.login, voter.password, fr);
        await page
          .getByRole('heading', { name: fr ? 'Votre code de vote' : 'Your voting credential' })
          .waitFor();
        await expectAccessible(page, `${tag}-2-credential`, true);
        await page.getByRole('button', { name: fr ? 'Continuer' : 'Continue' }).click();
        await page.getByRole('heading', { name: fr ? 'Votre vote' : 'Your vote' }).waitFor();
        await expectAccessible(page, `${tag}-3-questions`, true);
        // A vote that breaks the rules: the errors are shown, and must be accessible too.
        await page.getByRole('button', { name: fr ? 'Vérifier mon vote' : 'Review my vote' }).click();
        await expect.poll(() => page.locator('.field-error').count(), POLL).toBeGreaterThan(0);
        await expectAccessible(page, `${tag}-3-questions-errors`, true);
        await page.getByRole('radio', { name: 'Chloé Nguyen' }).check();
        await page.getByRole('checkbox', { name: fr ? 'Voter blanc' : 'Vote blank' }).check();
        await page.getByRole('button', { name: fr ? 'Vérifier mon vote' : 'Review my vote' }).click();
        await page
          .getByRole('heading', { name: fr ? 'Vérifiez et déposez votre vote' : 'Check and cast your vote' })
          .waitFor();
        await expectAccessible(page, `${tag}-4-review`, true);
        await page
          .getByRole('button', { name: fr ? 'Chiffrer et déposer mon vote' : 'Encrypt and cast my vote' })
          .click();
        await page
          .getByRole('heading', { name: fr ? 'Votre vote a été déposé' : 'Your vote has been cast' })
          .waitFor({ timeout: 60_000 });
        await expectAccessible(page, `${tag}-5-confirmation`, true);
        trackers.push((await page.locator('#tracker').textContent())!.trim());
        await context.close();
      }
    });

    it('the admin pages: sign-in, home with its forms, a draft election with a dialog, an open election', async () => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB' });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${server.url}/admin`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await expectAccessible(page, 'admin-sign-in');
      await clearAnnouncements(page);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.locator('#page-alert').textContent(), POLL).not.toBe('');
      await expectAccessible(page, 'admin-sign-in-error');
      await signInOnPage(page, demo.admin);
      await page.getByRole('heading', { name: 'Your organisations' }).waitFor();
      await page.getByText('Create an election').click();
      await page.getByText('Add a person').click();
      await expectAccessible(page, 'admin-home', true);

      const organisationId = (await server.store.elections.get(demo.electionId))!.organisationId;
      const draft = await admin.post(`/api/v1/organisations/${organisationId}/elections`, {
        name: 'Draft for the audit',
        description: 'Every form of a draft election.',
        timeZone: 'Europe/Paris',
      });
      await admin.put(`/api/v1/elections/${draft.json.id}/questions`, {
        questions: [{ question: 'Yes or no?', answers: ['Yes', 'No'], min: 1, max: 1, blank: true }],
      });
      await admin.put(`/api/v1/elections/${draft.json.id}/voters`, 'ann@example.org,ann,1,Ann');
      await page.goto(`${server.url}/admin/elections/${draft.json.id}`);
      await page.getByRole('heading', { level: 1, name: 'Draft for the audit' }).waitFor();
      await expectAccessible(page, 'admin-election-draft', true);
      await page.getByRole('button', { name: 'Annul the election' }).click();
      await page.getByRole('dialog').waitFor();
      await expectAccessible(page, 'admin-dialog-annul', true);
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('button', { name: 'Add a question' }).click();
      await expectAccessible(page, 'admin-election-new-question');

      await page.goto(`${server.url}/admin/elections/${demo.electionId}`);
      await page.getByRole('heading', { level: 1, name: 'Demo vote: federation chair and budget' }).waitFor();
      await expectAccessible(page, 'admin-election-open', true);
      await page.getByRole('button', { name: 'Français' }).click();
      await page.getByRole('heading', { name: 'Actions sur l’élection' }).waitFor();
      await expectAccessible(page, 'admin-election-open-fr');
      await page.getByRole('button', { name: 'English' }).click();
      await context.close();
    });

    it.runIf(canRunBrowser('election'))(
      'the public election page while voting is open, with a tracker found',
      async () => {
        const context = await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'fr-FR' });
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        await page.goto(`${server.url}/elections/${demo.electionId}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        await expectAccessible(page, 'election-open-fr-390', true);
        await page.getByLabel('Numéro de suivi').fill(trackers[0]!);
        await page.getByRole('button', { name: 'Retrouver mon bulletin' }).click();
        await page.getByText('c’est lui qui compte', { exact: false }).first().waitFor();
        await expectAccessible(page, 'election-tracker-found-fr-390', true);
        await context.close();
      },
    );

    it('the scrutineer console, open then closed with the sign-in list', async () => {
      const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'en-GB' });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${server.url}/scrutineer/${demo.electionId}`);
      await signInOnPage(page, scrutineer);
      await page.locator('#turnout-count').waitFor();
      await expectAccessible(page, 'scrutineer-open', true);
      expect((await admin.post(`/api/v1/elections/${demo.electionId}/close`)).status).toBe(200);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.locator('#sign-in-table').waitFor();
      await expectAccessible(page, 'scrutineer-closed', true);
      await context.close();
    });

    it.runIf(canRunBrowser('election'))('the public election page with its published result', async () => {
      for (const step of ['tally', 'publish'])
        expect((await admin.post(`/api/v1/elections/${demo.electionId}/${step}`)).status).toBe(200);
      const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'en-GB' });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${server.url}/elections/${demo.electionId}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await expect.poll(() => page.getByText('Chloé Nguyen').count(), POLL).toBeGreaterThan(0);
      await expectAccessible(page, 'results', true);
      await context.close();
    });

    it.runIf(canRunBrowser('trustee'))('the trustee page', async () => {
      const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'en-GB' });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${server.url}/trustee/${demo.electionId}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, 'trustee-sign-in', true);
      // A trustee of this election, signed in: the page of the published election.
      const trustee = await addAccount(server, 'a11y-trustee');
      await grant(server, demo.electionId, trustee, 'trustee');
      await signInOnPage(page, trustee);
      await page.getByText(trustee.displayName, { exact: false }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, 'trustee-signed-in', true);
      await context.close();
    });

    it('checked every page it meant to', () => {
      expect(checked.filter((name) => name.startsWith('booth-')).length).toBe(12);
      expect(checked).toEqual(
        expect.arrayContaining([
          'admin-home',
          'admin-election-draft',
          'admin-dialog-annul',
          'scrutineer-closed',
        ]),
      );
    });
  },
);
