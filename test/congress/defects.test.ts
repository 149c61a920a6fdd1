/**
 * Issue 11, item 3: the consultation workflow defects found running a real congress, each with a
 * test that failed before its fix. A small congress of two federation boxes (server keys) is driven
 * through the HTTP API, as the admin pages do; the boxes' own election routes are used where the
 * defect was about them (annulment and publication from the box's page).
 */

import { beforeEach, describe, expect, it } from 'vitest';
import { consultationId, type ElectionId } from '../../src/core/ids.js';
import { Client, signedIn } from '../world/client.js';
import {
  CONGRESS_QUESTIONS,
  castVotes,
  issueCredentials,
  rollCsv,
  type Vote,
} from '../world/consultation.js';
import { addAccount, organisationWithAdmin, type TestAccount } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

const RULE = { question: 0, qualifying: 2, majorityPercent: 50, blankVotes: 'excluded' };
// North 3 / 2 / 1 and South 2 / 1 / 1: Alice 5, Bruno 3, Chloé 2 of 10 — no majority, runoff A–B.
const VOTES: Vote[] = [
  ...[0, 0, 0, 1, 1, 2].map((choice, i) => ({ box: 'North', login: `n${i}`, weight: 1, choice })),
  ...[0, 0, 1, 2].map((choice, i) => ({ box: 'South', login: `s${i}`, weight: 1, choice })),
];

interface Congress {
  id: string;
  boxes: Record<string, { id: string; electionId: ElectionId }>;
}

describe('consultation workflow defects (issue 11)', () => {
  let server: TestServer;
  let admin: TestAccount;
  let client: Client;
  let organisationId: string;

  beforeEach(async () => {
    server = await startTestServer();
    ({ organisationId, admin } = await organisationWithAdmin(server, 'Federations', 'defects-admin'));
    client = await signedIn(new Client(server.app), admin);
    return () => server.close();
  });

  async function congress(rule: unknown = RULE, votes = VOTES): Promise<Congress> {
    const created = await client.post(`/api/v1/organisations/${organisationId}/consultations`, {
      name: 'Congrès 2027',
      description: '',
      timeZone: 'Europe/Paris',
      questions: CONGRESS_QUESTIONS,
      boxes: [{ label: 'North' }, { label: 'South' }],
      rule,
      serverTrustee: true,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.id as string;
    const imported = await client.put(`/api/v1/consultations/${id}/voters`, rollCsv(votes));
    expect(imported.status, JSON.stringify(imported.json)).toBe(200);
    const boxes = Object.fromEntries(
      created.json.boxes.map((b: { label: string; id: string; electionId: ElectionId }) => [b.label, b]),
    );
    return { id, boxes };
  }

  /** Runs one box's election from draft to tallied (credentials, open, the votes, close, tally). */
  async function runToTally(electionId: ElectionId, label: string, votes = VOTES) {
    const credentials = await issueCredentials(server, electionId, admin);
    const open = (path: string) => client.post(`/api/v1/elections/${electionId}/${path}`);
    expect((await open('open')).status).toBe(200);
    await castVotes(
      server,
      electionId,
      credentials,
      votes.filter((v) => v.box === label),
    );
    expect((await open('close')).status).toBe(200);
    expect((await open('tally')).status).toBe(200);
  }

  const adminView = async (id: string) => {
    const answer = await client.get(`/api/v1/consultations/${id}/admin`);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    return answer.json;
  };

  it('a box annulled from its own election page is annulled in the consultation, with the same reason, and can be re-run', async () => {
    const { id, boxes } = await congress();
    const reason = 'Wrong roll sent to the North federation';
    const annulled = await client.post(`/api/v1/elections/${boxes.North!.electionId}/annul`, { reason });
    expect(annulled.status, JSON.stringify(annulled.json)).toBe(200);

    const view = await adminView(id);
    const north = view.boxes.find((b: { id: string }) => b.id === boxes.North!.id);
    expect(north.state).toBe('annulled');
    expect(north.annulment).toMatchObject({ reason, by: admin.id });
    expect(
      view.consolidation.boxes.find((b: { id: string }) => b.id === boxes.North!.id).annulment.reason,
    ).toBe(reason);
    // Annulling again through the consultation is refused as already done, nothing changes.
    const again = await client.post(`/api/v1/consultations/${id}/boxes/${boxes.North!.id}/annul`, {
      reason: 'a second reason',
    });
    expect(again.status).toBe(409);
    expect(
      (await adminView(id)).boxes.find((b: { id: string }) => b.id === boxes.North!.id).annulment.reason,
    ).toBe(reason);

    const rerun = await client.post(`/api/v1/consultations/${id}/boxes/${boxes.North!.id}/rerun`);
    expect(rerun.status, JSON.stringify(rerun.json)).toBe(201);
    const replacement = rerun.json.boxes.find(
      (b: { replaces: string | null }) => b.replaces === boxes.North!.id,
    );
    expect(replacement.state).toBe('draft');
    expect((await server.store.voters.list(replacement.electionId)).map((v) => v.login)).toEqual(
      VOTES.filter((v) => v.box === 'North').map((v) => v.login),
    );
  });

  it('the consultation annulment annuls the box election with the same reason (one annulment)', async () => {
    const { boxes, id } = await congress();
    const reason = 'Ballots printed with the wrong candidates';
    expect(
      (await client.post(`/api/v1/consultations/${id}/boxes/${boxes.South!.id}/annul`, { reason })).status,
    ).toBe(200);
    const election = await client.get(`/api/v1/elections/${boxes.South!.electionId}`);
    expect(election.json.state).toBe('annulled');
    expect(election.json.annulReason).toBe(reason);
    const audit = (await server.store.audit.list({ organisationId })).filter((a) =>
      ['election.annul', 'consultation.box-annul'].includes(a.action),
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['consultation.box-annul', 'election.annul']);
  });

  it('a round with a box annulled from its election page and not re-run yet prepares no second round with that box', async () => {
    const { id, boxes } = await congress();
    await runToTally(boxes.South!.electionId, 'South');
    expect((await client.post(`/api/v1/elections/${boxes.South!.electionId}/publish`)).status).toBe(200);
    await client.post(`/api/v1/elections/${boxes.North!.electionId}/annul`, {
      reason: 'North vote contested, to be re-run',
    });
    // The admin reads the consultation (as the page does): no round 2 is prepared behind their back.
    await adminView(id);
    const next = await server.store.consultations.next(consultationId(id));
    if (next) {
      const labels = (await server.store.consultations.boxes(next.id)).map((b) => b.label);
      expect(labels).not.toContain('North');
    }
    expect(next).toBeUndefined();
  });

  it('the runoff is prepared by the last publication itself (from the box page), without anyone reading the consultation', async () => {
    const { id, boxes } = await congress();
    for (const label of ['North', 'South']) {
      await runToTally(boxes[label]!.electionId, label);
      expect((await client.post(`/api/v1/elections/${boxes[label]!.electionId}/publish`)).status).toBe(200);
    }
    const next = await server.store.consultations.next(consultationId(id));
    expect(next?.round).toBe(2);
    // Names carry no English "round 2": pages and mail say the round in their reader's language.
    expect(next!.name).toBe('Congrès 2027');
    const nextBoxes = await server.store.consultations.boxes(next!.id);
    expect(nextBoxes.map((b) => b.label).sort()).toEqual(['North', 'South']);
  });

  it('round 2 shows its winner (JSON, exports, procès-verbal) and links to round 1', async () => {
    const { id } = await congress();
    const first = await adminView(id);
    for (const box of first.boxes) await runToTally(box.electionId, box.label);
    expect((await client.post(`/api/v1/consultations/${id}/advance`, { step: 'publish' })).status).toBe(200);
    const nextId = (await server.store.consultations.next(consultationId(id)))!.id;
    const second = await adminView(nextId);
    // Runoff: Alice 4, Bruno 6 (North 1 / 5, South 3 / 1) → Bruno is elected.
    const runoff: Vote[] = [
      ...[0, 1, 1, 1, 1, 1].map((choice, i) => ({ box: 'North', login: `n${i}`, weight: 1, choice })),
      ...[0, 0, 0, 1].map((choice, i) => ({ box: 'South', login: `s${i}`, weight: 1, choice })),
    ];
    for (const box of second.boxes) {
      const credentials = await issueCredentials(server, box.electionId, admin);
      await client.post(`/api/v1/elections/${box.electionId}/open`);
      await castVotes(
        server,
        box.electionId,
        credentials,
        runoff.filter((v) => v.box === box.label),
      );
    }
    for (const step of ['close', 'tally', 'publish'])
      expect((await client.post(`/api/v1/consultations/${nextId}/advance`, { step })).status).toBe(200);
    const published = await new Client(server.app).get(`/api/v1/consultations/${nextId}`);
    expect(published.status).toBe(200);
    expect(published.json.figures.counts).toEqual([['0', '4', '6']]);
    expect(published.json.decision).toEqual({ kind: 'elected', winner: 1, reason: 'most-votes' });
    expect(published.json.previousRound).toEqual({ id, name: 'Congrès 2027', round: 1 });
    const exported = await new Client(server.app).get(`/api/v1/consultations/${nextId}/exports/result.json`);
    expect(JSON.parse(exported.body.toString()).decision).toEqual(published.json.decision);
    const csv = (
      await new Client(server.app).get(`/api/v1/consultations/${nextId}/exports/result.csv`)
    ).body.toString();
    expect(csv).toMatch(/decision.*Bruno Diallo/);
    const fr = (
      await new Client(server.app).get(`/api/v1/consultations/${nextId}/proces-verbal.html?lang=fr`)
    ).body.toString();
    expect(fr).toMatch(/Bruno Diallo est élu/);
    expect(fr).toContain(`/api/v1/consultations/${id}/proces-verbal.html?lang=fr`);
    const en = (
      await new Client(server.app).get(`/api/v1/consultations/${nextId}/proces-verbal.html?lang=en`)
    ).body.toString();
    expect(en).toMatch(/Bruno Diallo is elected/);
    // Round 1 links forward to round 2.
    const round1 = await new Client(server.app).get(`/api/v1/consultations/${id}`);
    expect(round1.json.nextRound.id).toBe(nextId);
  });

  it('the roll import names the line of the first occurrence of a duplicate login in the whole file', async () => {
    const { id } = await congress();
    const lines = [
      'federation,email,login,weight,name',
      ...['a', 'b', 'c', 'd', 'e', 'f'].map(
        (l, i) => `${i % 2 ? 'North' : 'South'},${l}@example.org,${l},1,${l}`,
      ),
    ];
    // Line 3 is North's "b"; line 13 is North's "b" again (lines 8 to 12 belong to other logins).
    lines.push(...['g', 'h', 'i', 'j', 'k'].map((l) => `South,${l}@example.org,${l},1,${l}`));
    lines.push('North,b2@example.org,b,1,b again');
    expect(lines[12]).toContain('b again');
    const answer = await client.put(`/api/v1/consultations/${id}/voters`, lines.join('\n'));
    expect(answer.status).toBe(422);
    expect(answer.json.error.detail.problems).toEqual([
      { line: 13, problem: 'duplicate login "b" (first on line 3)' },
    ]);
  });

  it('a re-run and a runoff box keep the delivery settings and the threshold group (to run its keys again)', async () => {
    const { id, boxes } = await congress();
    const settings = {
      loginMode: 'password',
      passwordDelaySeconds: 7200,
      helpContact: 'elections@federations.example',
      defaultLanguage: 'fr',
    };
    const put = await client.put(`/api/v1/elections/${boxes.North!.electionId}/delivery/settings`, settings);
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    const trusteeA = await addAccount(server, 'trustee-a');
    const trusteeB = await addAccount(server, 'trustee-b');
    const declared = await client.post(`/api/v1/elections/${boxes.North!.electionId}/trustees/threshold`, {
      threshold: 2,
      trustees: [
        { displayName: 'Garant A', accountId: trusteeA.id },
        { displayName: 'Garant B', accountId: trusteeB.id },
      ],
    });
    expect(declared.status, JSON.stringify(declared.json)).toBeLessThan(300);
    await client.post(`/api/v1/consultations/${id}/boxes/${boxes.North!.id}/annul`, {
      reason: 'roll was wrong',
    });
    const rerun = await client.post(`/api/v1/consultations/${id}/boxes/${boxes.North!.id}/rerun`);
    const replacement = rerun.json.boxes.find(
      (b: { replaces: string | null }) => b.replaces === boxes.North!.id,
    );
    const copied = await client.get(`/api/v1/elections/${replacement.electionId}/delivery/settings`);
    // The answer also says how the server sends mail and SMS (the server's modes, not settings of the box).
    const original = await client.get(`/api/v1/elections/${boxes.North!.electionId}/delivery/settings`);
    expect(original.json).toEqual({
      ...settings,
      secretChannel: 'email',
      receiptMail: false,
      mail: original.json.mail,
      sms: original.json.sms,
    });
    expect(copied.json).toEqual(original.json);
    const group = await client.get(`/api/v1/elections/${replacement.electionId}/trustees/threshold`);
    expect(group.status, JSON.stringify(group.json)).toBe(200);
    expect(JSON.stringify(group.json)).toContain('Garant B');
    expect(group.json.step ?? group.json.groups?.[0]?.step).toBe('certificates');
  });

  it('each lifecycle refusal says what is missing: the trustees who have not decrypted, the step to take first', async () => {
    const { generateTrusteeKey, serializeTrusteePublicKey } = await import('../../src/protocol/setup.js');
    const { requireGroup } = await import('../../src/core/group.js');
    const key = generateTrusteeKey(requireGroup('BELENIOS-2048'));
    const created = await client.post(`/api/v1/organisations/${organisationId}/consultations`, {
      name: 'Congrès des garants',
      description: '',
      timeZone: 'Europe/Paris',
      questions: CONGRESS_QUESTIONS,
      boxes: [{ label: 'North' }],
      serverTrustee: true,
      trustees: [{ displayName: 'Camille Garant', publicKey: serializeTrusteePublicKey(key.publicKey) }],
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.id as string;
    const electionId = created.json.boxes[0].electionId as ElectionId;
    // Credentials before the roll: the refusal says the roll is missing, not "not ready to open".
    const early = await client.post(`/api/v1/elections/${electionId}/delivery/credentials`);
    expect(early.json.error.code).toBe('SCR_NO_VOTERS');
    await client.put(`/api/v1/consultations/${id}/voters`, rollCsv(VOTES.filter((v) => v.box === 'North')));
    // Publishing a box still open names the step to take first.
    await issueCredentials(server, electionId, admin);
    await client.post(`/api/v1/elections/${electionId}/open`);
    const tooEarly = await client.post(`/api/v1/elections/${electionId}/publish`);
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.json.error.detail.problem).toBe('the election is open: close it first');
    await client.post(`/api/v1/elections/${electionId}/close`);
    await client.post(`/api/v1/elections/${electionId}/tally`);
    const refused = await client.post(`/api/v1/consultations/${id}/advance`, { step: 'publish' });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('SCR_NOT_DECRYPTED');
    expect(refused.json.error.message).not.toMatch(/ready to open/);
    expect(refused.json.error.detail.refused[0].detail.problem).toBe(
      '1 of 2 trustees has not decrypted yet (Camille Garant)',
    );
    const french = await client.request(
      'POST',
      `/api/v1/elections/${electionId}/publish`,
      {},
      {
        'accept-language': 'fr',
      },
    );
    expect(french.json.error.message).toMatch(/garants nécessaires n'ont pas encore déchiffré/);
    expect((await server.elections.get(electionId)).state).toBe('tallied');
  });

  it('the audit log says who got which role on the election (role.grant details are not empty)', async () => {
    const { boxes } = await congress();
    const electionId = boxes.North!.electionId;
    const granted = await client.post(`/api/v1/elections/${electionId}/roles`, {
      accountId: admin.id,
      role: 'scrutineer',
    });
    expect(granted.status, JSON.stringify(granted.json)).toBe(200);
    const audit = await client.get(`/api/v1/elections/${electionId}/exports/audit.json`);
    expect(audit.status).toBe(200);
    const entry = audit.json.entries.find((e: { action: string }) => e.action === 'role.grant');
    expect(entry.details).toEqual({ accountId: admin.id, person: admin.displayName, role: 'scrutineer' });
  });

  it('a published box annulled from the consultation shows the same reason on its own election page', async () => {
    const { id, boxes } = await congress();
    await runToTally(boxes.South!.electionId, 'South');
    expect((await client.post(`/api/v1/elections/${boxes.South!.electionId}/publish`)).status).toBe(200);
    const reason = 'Proxies were not checked in South';
    expect(
      (await client.post(`/api/v1/consultations/${id}/boxes/${boxes.South!.id}/annul`, { reason })).status,
    ).toBe(200);
    const page = await client.get(`/api/v1/elections/${boxes.South!.electionId}/admin`);
    expect(page.json.state).toBe('published');
    expect(page.json.annulReason).toBe(reason);
  });
});
