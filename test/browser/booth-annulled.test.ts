/**
 * Issue 16 point 5 in Chromium: the voting link of an annulled consultation box shows why it was
 * annulled and a button to the vote that replaces it, in French at 360 px and in English, with no
 * axe violation; the button leads to the re-run's booth.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, canRunBrowser, launchChromium, POLL } from '../world/browser.js';
import { Client, signedIn } from '../world/client.js';
import { CONGRESS_QUESTIONS } from '../world/consultation.js';
import { organisationWithAdmin } from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

const REASON = 'La liste de la fédération Nord était périmée';

describe.skipIf(!canRunBrowser('booth'))('the booth of an annulled box', () => {
  let server: ListeningServer;
  let browser: Browser;
  let annulledId: string;
  let rerunId: string;

  beforeAll(async () => {
    server = await startTestServer({ mode: 'listen', label: 'booth-annulled', sender: false });
    const { organisationId, admin } = await organisationWithAdmin(server, 'Fédérations');
    const client = await signedIn(new Client(server.app), admin);
    const created = await client.post(`/api/v1/organisations/${organisationId}/consultations`, {
      name: 'Congrès 2027',
      description: '',
      timeZone: 'Europe/Paris',
      questions: CONGRESS_QUESTIONS,
      boxes: [{ label: 'Nord' }, { label: 'Sud' }],
      serverTrustee: true,
    });
    const north = created.json.boxes.find((b: { label: string }) => b.label === 'Nord');
    annulledId = north.electionId;
    await client.put(
      `/api/v1/consultations/${created.json.id}/voters`,
      'federation,email,login,weight,name\nNord,ana@example.org,ana,1,Ana\nSud,sam@example.org,sam,1,Sam',
    );
    expect(
      (
        await client.post(`/api/v1/consultations/${created.json.id}/boxes/${north.id}/annul`, {
          reason: REASON,
        })
      ).status,
    ).toBe(200);
    const rerun = await client.post(`/api/v1/consultations/${created.json.id}/boxes/${north.id}/rerun`);
    rerunId = rerun.json.boxes.find((b: { replaces: string | null }) => b.replaces === north.id).electionId;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const booth = async (locale: string, width: number): Promise<Page> => {
    const context = await browser.newContext({ locale, viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url.replace(/\/$/, '')}/vote/${annulledId}`);
    await expect.poll(() => page.locator('#annul-reason').count(), POLL).toBe(1);
    return page;
  };

  it('says why, in French at 360 px, and leads to the re-run', async () => {
    const page = await booth('fr-FR', 360);
    expect(await page.locator('#annul-reason').textContent()).toBe(`Motif indiqué : ${REASON}`);
    const button = page.getByRole('link', { name: 'Voter au vote qui le remplace' });
    expect(await button.getAttribute('href')).toBe(`/vote/${rerunId}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeProblems(page)).toEqual([]);
    await button.click();
    await expect.poll(() => page.url(), POLL).toMatch(new RegExp(`/vote/${rerunId}$`));
    await page.context().close();
  });

  it('says the same in English, with no axe violation', async () => {
    const page = await booth('en-GB', 1100);
    expect(await page.locator('#annul-reason').textContent()).toBe(`Reason given: ${REASON}`);
    expect(await page.getByRole('link', { name: 'Vote in the vote that replaces it' }).count()).toBe(1);
    expect(await axeProblems(page)).toEqual([]);
    await page.context().close();
  });
});
