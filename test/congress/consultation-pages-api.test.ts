/**
 * The routes the consultation pages add (src/server/routes/consultation-pages.ts), over HTTP: where
 * a box stands in its consultation (public, null for an election that is no box; an annulled box
 * and the box replacing it point at each other), the organisation's consultations with their boxes
 * for the admin home (org admins only; another tenant answers as if it did not exist), and the
 * procès-verbal served as a page under /admin/: the same document as the API's, with the same
 * access (anyone once complete; before, the readers only, others get a refusal page), its links to
 * other rounds kept among these pages, in the language asked for or the browser's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, signedIn } from '../world/client.js';
import { CONGRESS_QUESTIONS, publishedConsultation } from '../world/consultation.js';
import { addAccount, addOrganisation, draftElection, type TestAccount } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

describe('the routes of the consultation pages', () => {
  let server: TestServer;
  let admin: TestAccount;
  let other: TestAccount;
  let organisationId: string;
  let otherOrganisation: string;
  let complete: { consultationId: string; boxId: string };
  let client: Client;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await addAccount(server, 'pages-admin');
    other = await addAccount(server, 'pages-other');
    organisationId = await addOrganisation(server, 'Party', admin);
    otherOrganisation = await addOrganisation(server, 'Other party', other);
    complete = await publishedConsultation(server, organisationId, admin);
    client = await signedIn(new Client(server.app), admin);
  });
  afterAll(async () => server?.close());

  const text = (answer: { body: Buffer }) => answer.body.toString('utf8');

  it('says where a box stands, publicly; an annulled box and the paper box replacing it point at each other', async () => {
    const view = (await client.get(`/api/v1/consultations/${complete.consultationId}/admin`)).json;
    const north = view.boxes.find((b: { label: string }) => b.label === 'North');
    const south = view.boxes.find((b: { id: string }) => b.id === complete.boxId);
    const anonymous = new Client(server.app);
    const place = await anonymous.get(`/api/v1/elections/${north.electionId}/consultation`);
    expect(place.status).toBe(200);
    expect(place.json).toEqual({
      consultation: {
        id: complete.consultationId,
        name: 'Matrix congress',
        round: 1,
        previousId: null,
        nextId: null,
      },
      box: { id: north.id, label: 'North', annulled: false, annulReason: null },
      replaces: null,
      replacedBy: null,
    });
    const annulled = (await anonymous.get(`/api/v1/elections/${south.electionId}/consultation`)).json;
    expect(annulled.box).toMatchObject({
      label: 'South',
      annulled: true,
      annulReason: 'vote moved to paper',
    });
    expect(annulled.replacedBy).toMatchObject({ label: 'South', channel: 'paper', electionId: null });

    const lone = await draftElection(server, organisationId, admin, { voters: 1 });
    // A draft is private (issue 15): the public gets the 404 of an unknown id, its admin the answer.
    expect((await anonymous.get(`/api/v1/elections/${lone.id}/consultation`)).status).toBe(404);
    expect((await client.get(`/api/v1/elections/${lone.id}/consultation`)).json).toEqual({
      consultation: null,
      box: null,
      replaces: null,
      replacedBy: null,
    });
    expect((await anonymous.get('/api/v1/elections/NoSuchElection1/consultation')).status).toBe(404);
  });

  it("lists an organisation's consultations with their boxes for its admins only", async () => {
    const listed = await client.get(`/api/v1/organisations/${organisationId}/consultations/boxes`);
    expect(listed.status).toBe(200);
    expect(listed.json.consultations).toHaveLength(1);
    expect(
      listed.json.consultations[0].boxes.map((b: { label: string; channel: string; annulled: boolean }) => [
        b.label,
        b.channel,
        b.annulled,
      ]),
    ).toEqual([
      ['North', 'online', false],
      ['South', 'online', true],
      ['South', 'paper', false],
    ]);
    const stranger = await signedIn(new Client(server.app), other);
    expect((await stranger.get(`/api/v1/organisations/${organisationId}/consultations/boxes`)).status).toBe(
      404,
    );
    expect(
      (await new Client(server.app).get(`/api/v1/organisations/${organisationId}/consultations/boxes`))
        .status,
    ).toBe(401);
    expect(
      (await stranger.get(`/api/v1/organisations/${otherOrganisation}/consultations/boxes`)).json,
    ).toEqual({
      consultations: [],
    });
  });

  it('serves the procès-verbal as a page once complete, to anyone, in the language asked for', async () => {
    const anonymous = new Client(server.app);
    const fr = await anonymous.get(`/admin/consultations/${complete.consultationId}/proces-verbal?lang=fr`);
    expect(fr.status).toBe(200);
    expect(fr.response.headers['content-type']).toContain('text/html');
    expect(fr.response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(text(fr)).toContain('<html lang="fr"');
    expect(text(fr)).not.toContain('<script');
    // The same document as the API's (its generation instant and round links aside).
    const api = await anonymous.get(
      `/api/v1/consultations/${complete.consultationId}/proces-verbal.html?lang=fr`,
    );
    const strip = (html: string) => html.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z|\d{1,2} \S+ \d{4}[^<]*/g, '');
    expect(strip(text(fr))).toBe(strip(text(api)));
    const en = await anonymous.request(
      'GET',
      `/admin/consultations/${complete.consultationId}/proces-verbal`,
      undefined,
      {
        'accept-language': 'en-GB,en;q=0.8',
      },
    );
    expect(text(en)).toContain('<html lang="en"');
  });

  it('refuses, as a page, a provisional procès-verbal to strangers (another tenant: not found) and shows it to the admin', async () => {
    const created = await client.post(`/api/v1/organisations/${organisationId}/consultations`, {
      name: 'Not yet',
      description: '',
      timeZone: 'Europe/Paris',
      questions: CONGRESS_QUESTIONS,
      boxes: [{ label: 'Only' }],
    });
    expect(created.status).toBe(201);
    const url = `/admin/consultations/${created.json.id}/proces-verbal?lang=fr`;
    // No box has opened: the consultation is as private as its draft elections (issue 15).
    const refused = await new Client(server.app).get(url);
    expect(refused.status).toBe(404);
    expect(refused.response.headers['content-type']).toContain('text/html');
    expect(text(refused)).toContain('Introuvable.');
    const stranger = await signedIn(new Client(server.app), other);
    // Another tenant's consultation answers like one that does not exist, as the API does.
    const hidden = await stranger.get(url);
    expect(hidden.status).toBe(404);
    expect(text(hidden)).toContain('Introuvable.');
    const shown = await client.get(url);
    expect(shown.status).toBe(200);
    expect(text(shown)).toContain('Not yet');
    expect((await client.get('/admin/consultations/NoSuchBoxxxxxxx1234/proces-verbal')).status).toBe(404);
  });
});
