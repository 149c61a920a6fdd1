/**
 * Issue 15, part 5, in a real Chromium against the real server with mail to an SMTP sink: whatever
 * happens to their password (lost, or refused while others hammer their login), a voter signs in
 * with a one-time code mailed to their registered address, from the booth's sign-in step, and goes
 * on to the credential step.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../delivery/smtp-sink.js';
import { canRunBrowser, launchChromium, POLL } from '../world/browser.js';
import { draftElection, organisationWithAdmin, type TestElection } from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

const codeIn = (text: string) => /(?:Your sign-in code|Votre code de connexion)\s?: (\d{8})/.exec(text)?.[1];

describe.skipIf(!canRunBrowser('booth'))('booth: a one-time code by mail instead of the password', () => {
  let server: ListeningServer;
  let sink: SmtpSink;
  let browser: Browser;
  let election: TestElection;

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ mode: 'listen', label: 'booth-code', smtpUrl: sink.url });
    const org = await organisationWithAdmin(server, 'Fédération des Alpes');
    election = await draftElection(server, org.organisationId, org.admin, { voters: 2 });
    await server.elections.open(election.id, org.admin);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sink?.close();
  });

  it('asks for a code, reads it in the mail, signs in with it', async () => {
    const voter = election.voters[0]!;
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/vote/${election.id}`);
    await page.getByLabel('Login', { exact: true }).fill(voter.login);
    await page.getByText('Password lost or refused? Sign in with a code sent by mail').click();
    await page.getByRole('button', { name: 'Mail me a sign-in code' }).click();
    await expect
      .poll(() => page.locator('#booth-status').textContent(), POLL)
      .toContain('a code was mailed to its registered address');
    await expect.poll(() => sink.mailTo(voter.email).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const code = codeIn(sink.mailTo(voter.email).at(-1)!.text)!;
    expect(code).toMatch(/^\d{8}$/);
    await page.getByLabel('Code received by mail').fill(code);
    await page.getByRole('button', { name: 'Sign in with this code' }).click();
    await expect.poll(() => page.locator('h1').textContent(), POLL).toBe('Your voting credential');
    await context.close();
  });
});
