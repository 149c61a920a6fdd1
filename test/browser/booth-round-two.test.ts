/**
 * Issue 16 point 5 in Chromium: the booth of a second-round box names the round in its header
 * ("Congrès 2027 — Nord (2e tour)", "… (round 2)") where round 1 says only the name, in French
 * at 360 px and in English, with no axe violation. Round 2 is reached the real way: one box, two
 * voters split between two candidates, the rule's majority missed, round 1 published.
 */

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElectionId } from '../../src/core/ids.js';
import { axeProblems, canRunBrowser, launchChromium, POLL } from '../world/browser.js';
import { Client, signedIn } from '../world/client.js';
import {
  CONGRESS_QUESTIONS,
  castVotes,
  issueCredentials,
  rollCsv,
  type Vote,
} from '../world/consultation.js';
import { organisationWithAdmin } from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

const VOTES: Vote[] = [
  { box: 'Nord', login: 'ana', weight: 1, choice: 0 },
  { box: 'Nord', login: 'bob', weight: 1, choice: 1 },
];

describe.skipIf(!canRunBrowser('booth'))('the booth of a second-round box', () => {
  let server: ListeningServer;
  let browser: Browser;
  let roundOne: ElectionId;
  let roundTwo: ElectionId;

  beforeAll(async () => {
    server = await startTestServer({ mode: 'listen', label: 'booth-round-two', sender: false });
    const { organisationId, admin } = await organisationWithAdmin(server, 'Fédérations');
    const client = await signedIn(new Client(server.app), admin);
    const created = await client.post(`/api/v1/organisations/${organisationId}/consultations`, {
      name: 'Congrès 2027',
      description: '',
      timeZone: 'Europe/Paris',
      questions: CONGRESS_QUESTIONS,
      boxes: [{ label: 'Nord' }],
      rule: { question: 0, qualifying: 2, majorityPercent: 50, blankVotes: 'excluded' },
      serverTrustee: true,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.id as string;
    roundOne = created.json.boxes[0].electionId;
    expect((await client.put(`/api/v1/consultations/${id}/voters`, rollCsv(VOTES))).status).toBe(200);
    const credentials = await issueCredentials(server, roundOne, admin);
    expect((await client.post(`/api/v1/consultations/${id}/advance`, { step: 'open' })).status).toBe(200);
    await castVotes(server, roundOne, credentials, VOTES);
    for (const step of ['close', 'tally', 'publish'])
      expect((await client.post(`/api/v1/consultations/${id}/advance`, { step })).status).toBe(200);
    // One vote each of two: no majority, round 2 prepared; its box is opened to be voted in.
    const next = (await client.get(`/api/v1/consultations/${id}/admin`)).json.nextId as string;
    expect(next).toBeTruthy();
    const nextView = (await client.get(`/api/v1/consultations/${next}/admin`)).json;
    expect(nextView.round).toBe(2);
    roundTwo = nextView.boxes[0].electionId;
    await issueCredentials(server, roundTwo, admin);
    const opened = await client.post(`/api/v1/consultations/${next}/advance`, { step: 'open' });
    expect(opened.status, JSON.stringify(opened.json)).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const booth = async (electionId: string, locale: string, width: number): Promise<Page> => {
    const context = await browser.newContext({ locale, viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url.replace(/\/$/, '')}/vote/${electionId}`);
    await expect.poll(() => page.locator('header .election-name').textContent(), POLL).toMatch(/Congrès/);
    return page;
  };

  it('names round 2 in French at 360 px, where round 1 says only the name', async () => {
    const page = await booth(roundTwo, 'fr-FR', 360);
    await expect
      .poll(() => page.locator('header .election-name').textContent(), POLL)
      .toBe('Congrès 2027 — Nord (2e tour)');
    expect(await page.title()).toContain('Congrès 2027 — Nord (2e tour)');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeProblems(page)).toEqual([]);
    await page.goto(`${server.url.replace(/\/$/, '')}/vote/${roundOne}`);
    await expect
      .poll(() => page.locator('header .election-name').textContent(), POLL)
      .toBe('Congrès 2027 — Nord');
    await page.context().close();
  });

  it('names round 2 in English, with no axe violation', async () => {
    const page = await booth(roundTwo, 'en-GB', 1100);
    await expect
      .poll(() => page.locator('header .election-name').textContent(), POLL)
      .toBe('Congrès 2027 — Nord (round 2)');
    expect(await axeProblems(page)).toEqual([]);
    await page.context().close();
  });
});
