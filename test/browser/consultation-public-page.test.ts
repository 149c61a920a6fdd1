/**
 * Issue 16 point 6: the public page of a consultation, /consultations/:id — nothing before a box
 * opens; once complete the consolidated result with the rule and decision, every box as a card
 * with links to its public page and its archive, an annulled box's reason, the paper box marked,
 * the procès-verbal linked; in French and English; at 360 px it fits the screen and axe-core finds
 * no violation (the HTML as served, loaded in Chromium).
 */

import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationId as markConsultation } from '../../src/core/ids.js';
import { axeProblems, CHROMIUM, TestBrowser } from '../world/browser.js';
import { Client } from '../world/client.js';
import { publishedConsultation } from '../world/consultation.js';
import { organisationWithAdmin } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

describe('the public page of a consultation', () => {
  let server: TestServer;
  let consultationId: string;
  let northElection: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { organisationId, admin } = await organisationWithAdmin(server, 'Federation');
    ({ consultationId } = await publishedConsultation(server, organisationId, admin));
    const boxes = await server.store.consultations.boxes(markConsultation(consultationId));
    northElection = boxes.find((b) => b.label === 'North')!.electionId!;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  const page = (lang: 'en' | 'fr') =>
    new Client(server.app).send('GET', `/consultations/${consultationId}?lang=${lang}`);

  it('shows the consolidated result, every box with its links, and the procès-verbal', async () => {
    const answer = await page('en');
    expect(answer.status).toBe(200);
    expect(answer.response.headers['content-security-policy']).toMatch(/default-src 'none'/);
    const html = answer.body.toString('utf8');
    expect(html).toContain('<h1>Matrix congress</h1>');
    expect(html).toContain('Consolidated result');
    expect(html).toContain(`href="/elections/${northElection}"`);
    expect(html).toContain(`href="/api/v1/elections/${northElection}/archive.bel"`);
    expect(html).toContain('Annulled: vote moved to paper');
    expect(html).toContain('not cryptographically verifiable');
    expect(html).toContain(`/admin/consultations/${consultationId}/proces-verbal?lang=en`);
    expect(html).toContain('Final round: no further round follows.');
    const french = (await page('fr')).body.toString('utf8');
    expect(french).toContain('Résultat consolidé');
    expect(french).toContain('Annulée\u00a0: vote moved to paper');
  });

  it('is not found for an unknown consultation, nor before any box opens', async () => {
    expect((await new Client(server.app).send('GET', '/consultations/1111111111111111')).status).toBe(404);
    const { organisationId, admin } = await organisationWithAdmin(server, 'Draft federation', 'draft-admin');
    const { signedIn } = await import('../world/client.js');
    const client = await signedIn(server.app, admin);
    const created = await client.post(`/api/v1/organisations/${organisationId}/consultations`, {
      name: 'Draft congress',
      description: '',
      timeZone: 'Europe/Paris',
      questions: [{ answers: ['A', 'B'], min: 1, max: 1, question: 'Q?' }],
      boxes: [{ label: 'One' }],
    });
    expect(created.status).toBe(201);
    expect((await new Client(server.app).send('GET', `/consultations/${created.json.id}`)).status).toBe(404);
  });

  it.skipIf(!existsSync(CHROMIUM))(
    'fits a 360 px screen with no accessibility violation, in French and English',
    async () => {
      const browser = await TestBrowser.launch();
      try {
        const tab = await browser.page({ width: 360, height: 800 });
        for (const lang of ['fr', 'en'] as const) {
          await tab.setContent((await page(lang)).body.toString('utf8'));
          expect(await axeProblems(tab), lang).toEqual([]);
          expect(await tab.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(
            360,
          );
        }
      } finally {
        await browser.close();
      }
    },
  );
});
