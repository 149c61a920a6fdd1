/**
 * The landing page (/) and the operator console (/operator) in Chromium, on a real server listening
 * on a port with its logs captured: the landing page names no organisation or election; the
 * operator signs in, sees each organisation with its sizes and no election content, and creates an
 * organisation with its first admin by keyboard alone; the admin is mailed an invitation (issue 15:
 * the operator never sees nor chooses their password) and chooses a password on its link; an
 * account that is not the operator gets nothing; without mail the console refuses to create an
 * invitation nobody could receive. axe-core finds no violation in English (1100 px) or French
 * (360 px, no sideways scrolling). The passwords and the invitation token appear in no log line and
 * in no answer the browser received.
 */
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPlanted, planted, textForms } from '../server/secret-search.js';
import { tokenIn } from '../support/account-links.js';
import { axeProblems, canRunBrowser, clearAnnouncements, launchChromium, POLL } from '../world/browser.js';
import { Client, signedIn } from '../world/client.js';
import type { RecordedResponse } from '../world/recorder.js';
import { addAccount, addOrganisation, type TestAccount } from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

const ELECTION_NAME = 'Élection confidentielle du bureau 7Q4Z';
const ORGANISATION_NAME = 'Fédération des Alpes';

describe.skipIf(!canRunBrowser('home', 'operator'))('the landing page and the operator console', () => {
  let server: ListeningServer;
  let url: string;
  let browser: Browser;
  let operator: TestAccount;
  let admin: TestAccount;
  const newAdminPassword = 'camille chose this one';
  let invitationToken: string | undefined;
  let electionId: string;
  const answers: RecordedResponse[] = [];

  beforeAll(async () => {
    // As `scrutin serve` with SMTP_URL (mails to staff are sent, the queue waits for its sender),
    // until the last tests switch mail off.
    server = await startTestServer({
      mode: 'listen',
      label: 'operator-page',
      config: { mail: 'smtp' },
      sender: false,
      logLevel: 'trace',
    });
    url = server.url;
    operator = await addAccount(server, 'operator', { isOperator: true });
    admin = await addAccount(server, 'alpes-admin');
    const organisationId = await addOrganisation(server, ORGANISATION_NAME, admin);
    const election = await server.elections.create(organisationId, admin, {
      name: ELECTION_NAME,
      description: 'Not for the operator.',
      timeZone: 'Europe/Paris',
    });
    electionId = election.id;
    await server.store.elections.addRole({ electionId, accountId: admin.id, role: 'election-admin' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(
    locale: 'en-GB' | 'fr-FR',
    width: number,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('response', (response: Response) => {
      const request = response.request();
      void response.text().then(
        (body) =>
          answers.push({
            method: request.method(),
            url: response.url(),
            status: response.status(),
            headers: response.headers(),
            body,
            isLogin: response.url().endsWith('/api/v1/auth/login') && response.status() === 200,
          }),
        () => undefined,
      );
    });
    return { context, page };
  }

  async function expectAccessible(page: Page, name: string) {
    expect(await axeProblems(page), name).toEqual([]);
  }

  const fitsWidth = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  it('the landing page says what Scrutin is, links to sign-in and the console, and names nobody', async () => {
    for (const [locale, width, heading, signIn] of [
      ['en-GB', 1100, 'End-to-end verifiable elections', 'Sign in to manage elections'],
      ['fr-FR', 360, 'Élections vérifiables de bout en bout', 'Se connecter pour gérer des élections'],
    ] as const) {
      const { context, page } = await open(locale, width);
      const response = await page.goto(`${url}/`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await page.getByRole('link', { name: new RegExp(signIn) }).getAttribute('href')).toBe('/admin');
      expect(await page.locator('a[href="/operator"]').count()).toBe(1);
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text).not.toContain(ORGANISATION_NAME);
      expect(text).not.toContain(ELECTION_NAME);
      await expectAccessible(page, `home-${locale}`);
      expect(await fitsWidth(page), `home-${locale} fits ${width} px`).toBe(true);
      // The language switch works without a reload, by keyboard.
      const other = locale === 'en-GB' ? 'Français' : 'English';
      await page.getByRole('button', { name: other }).focus();
      await page.keyboard.press('Enter');
      await page
        .getByRole('heading', {
          level: 1,
          name:
            locale === 'en-GB' ? 'Élections vérifiables de bout en bout' : 'End-to-end verifiable elections',
        })
        .waitFor();
      await context.close();
    }
    const landing = answers.filter((a) => new URL(a.url).pathname === '/' || a.url.includes('/assets/home-'));
    expect(landing.length).toBeGreaterThan(0);
    for (const answer of landing) {
      expect(answer.body).not.toContain(ORGANISATION_NAME);
      expect(answer.body).not.toContain(ELECTION_NAME);
    }
  });

  it('an operator lists organisations (sizes only) and creates one with its first admin, by keyboard', async () => {
    const { context, page } = await open('en-GB', 1100);
    await page.goto(`${url}/operator`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'operator-sign-in');
    await page.getByLabel('Email address').fill(operator.email);
    await page.getByLabel('Password').fill(operator.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Operator console' }).waitFor();
    const row = page.locator('tbody tr', { hasText: ORGANISATION_NAME });
    await expect
      .poll(() => row.locator('td').allTextContents(), POLL)
      .toEqual([ORGANISATION_NAME, expect.any(String), '1', '1']);
    expect(await page.locator('body').textContent()).not.toContain(ELECTION_NAME);
    await expectAccessible(page, 'operator-list');

    // A form with a missing field: a clear message, nothing created.
    await page.getByLabel('Name of the organisation').focus();
    await page.keyboard.type('Union des Pyrénées');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#page-alert').textContent(), POLL)
      .toBe('Give the organisation’s name, and the first administrator’s name and email address.');
    expect((await server.store.accounts.listOrganisations()).map((o) => o.name)).not.toContain(
      'Union des Pyrénées',
    );

    await page.keyboard.press('Tab');
    await page.keyboard.type('Camille Roux');
    await page.keyboard.press('Tab');
    await page.keyboard.type('camille@pyrenees.example.org');
    await page.keyboard.press('Enter');
    const outcome = page.locator('#invitation-outcome');
    await outcome.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('invitation-outcome');
    expect(await outcome.textContent()).toMatch(
      /^The invitation was mailed to camille@pyrenees\.example\.org; its link works once, until .+\.$/,
    );
    await expect
      .poll(() => page.locator('#page-status').textContent(), POLL)
      .toBe('Organisation “Union des Pyrénées” created.');
    await expect
      .poll(() => page.locator('tbody tr', { hasText: 'Union des Pyrénées' }).count(), POLL)
      .toBe(1);
    await expectAccessible(page, 'operator-invitation-sent');
    await context.close();

    // The link is in the admin's mail only; they choose their password on it, and the organisation is theirs.
    const mail = server.mails.accepted.find((m) => m.to === 'camille@pyrenees.example.org')!;
    invitationToken = tokenIn(mail.text)!;
    const camille = new Client(server.app);
    expect(
      (
        await camille.post('/api/v1/auth/login', {
          email: 'camille@pyrenees.example.org',
          password: newAdminPassword,
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await camille.post('/api/v1/auth/password-link', {
          token: invitationToken,
          password: newAdminPassword,
        })
      ).status,
    ).toBe(200);
    const signIn = await camille.post('/api/v1/auth/login', {
      email: 'camille@pyrenees.example.org',
      password: newAdminPassword,
    });
    expect(signIn.status).toBe(200);
    const theirs = await camille.get('/api/v1/account/organisations');
    expect(JSON.stringify(theirs.json)).toContain('Union des Pyrénées');
  });

  it('in French at 360 px, accessible and without sideways scrolling', async () => {
    const { context, page } = await open('fr-FR', 360);
    await page.goto(`${url}/operator`);
    await page.locator('#sign-in-email').waitFor();
    await expectAccessible(page, 'operator-sign-in-fr');
    await page.locator('#sign-in-email').fill(operator.email);
    await page.locator('#sign-in-password').fill(operator.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Console de l’opérateur' }).waitFor();
    await expect.poll(() => page.locator('tbody tr').count(), POLL).toBeGreaterThan(0);
    await expectAccessible(page, 'operator-list-fr');
    expect(await fitsWidth(page)).toBe(true);
    // A taken email: the coded French message, and no second organisation.
    await page.getByLabel('Nom de l’organisation').fill('Doublon');
    await page.getByLabel('Nom de la première personne administratrice').fill('Autre');
    await page.getByLabel('Adresse électronique de la première personne administratrice').fill(admin.email);
    await clearAnnouncements(page);
    await page.getByRole('button', { name: 'Créer l’organisation' }).click();
    await expect.poll(() => page.locator('#page-alert').textContent(), POLL).toContain('a déjà un compte');
    expect(await page.locator('#invitation-outcome').count()).toBe(0);
    await expectAccessible(page, 'operator-error-fr');
    await context.close();
  });

  it('an account that is not the operator sees no organisation', async () => {
    const { context, page } = await open('en-GB', 1100);
    await page.goto(`${url}/operator`);
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.keyboard.press('Enter');
    await page.getByText('This account is not the operator of this server.').waitFor();
    expect(await page.locator('table').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain(ORGANISATION_NAME);
    await expectAccessible(page, 'operator-refused');
    await context.close();
  });

  it('without mail, the console refuses to invite; the admin’s election page says so, and sending is refused', async () => {
    // As `scrutin serve` runs without SMTP_URL from here on.
    (server.config as { mail?: string }).mail = 'none';
    const operatorClient = await signedIn(server.app, operator);
    const refused = await operatorClient.post('/api/v1/organisations', {
      name: 'Sans courrier',
      admin: { email: 'nomail@example.org', displayName: 'N' },
    });
    expect(refused.status).toBe(503);
    expect(refused.json.error.message).toContain(
      '`scrutin org create` on the server prints the invitation link',
    );
    expect(await server.store.accounts.findAccountByEmail('nomail@example.org')).toBeUndefined();
    for (const [locale, width, notice] of [
      ['en-GB', 1100, 'Mail is not configured on this server: nothing can be sent to voters.'],
      [
        'fr-FR',
        360,
        'Le courrier n’est pas configuré sur ce serveur\u00a0: rien ne peut être envoyé aux votant·es.',
      ],
    ] as const) {
      const { context, page } = await open(locale, width);
      await page.goto(`${url}/admin/elections/${electionId}`);
      await page.locator('#sign-in-email').fill(admin.email);
      await page.locator('#sign-in-password').fill(admin.password);
      await page.keyboard.press('Enter');
      const shown = page.locator('#mail-notice');
      await shown.waitFor();
      expect(await shown.textContent()).toContain(notice);
      expect(await shown.textContent()).toContain('SMTP_URL');
      await expectAccessible(page, `admin-mail-notice-${locale}`);
      if (locale === 'en-GB') {
        await page.getByRole('button', { name: 'Generate and send the credentials' }).click();
        await page
          .locator('dialog')
          .getByRole('button', { name: 'Generate and send the credentials' })
          .click();
        await expect
          .poll(() => page.locator('#page-alert').textContent(), POLL)
          .toContain(
            'Mail is not configured on this server: set SMTP_URL (see docs/deploy.md). Nothing was queued.',
          );
        expect((await server.store.voters.list(electionId)).every((v) => v.publicCredential === null)).toBe(
          true,
        );
      }
      await context.close();
    }
  });

  it('no password reached a log line or an answer', async () => {
    expect(invitationToken).toBeDefined();
    expect(server.logs.length).toBeGreaterThan(0);
    const secrets = [
      planted('operator password', textForms(operator.password)),
      planted('org admin password', textForms(admin.password)),
      planted('generated initial password', textForms(newAdminPassword)),
      planted('invitation token', textForms(invitationToken!)),
    ];
    expect(findPlanted({ responses: answers, logs: server.logs }, secrets)).toEqual([]);
    // The search itself finds what it looks for.
    expect(
      findPlanted({ responses: [], logs: [`oops ${newAdminPassword}`] }, secrets).map((l) => l.secret),
    ).toEqual(['generated initial password']);
  });
});
