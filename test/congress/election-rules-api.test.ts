/**
 * An election's own rules through the HTTP API (issue 17): a list question (answers = the lists'
 * names, one choice or blank) with ordered candidates, D'Hondt seats, a threshold and alternating
 * parity, and a motion with a quorum and a 2/3 majority. The parity check refuses a list at entry
 * naming it and the position; the rules are sealed at opening (their hash with the other sealed
 * hashes, equal to the SHA-256 of the bytes served) and refused afterwards; the published outcome
 * gives the seats from the verified totals (a list short of candidates passes its seat on), the
 * elected in list order, the averages table, and "adopted" for 200 of 300 valid votes at ≥ 2/3. A
 * seat left undecided by equal votes is settled by a draw anyone recomputes from the archive hash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawSeed } from '../../src/congress/tie-break.js';
import { sha256B64 } from '../../src/core/hash.js';
import { Client, signedIn } from '../world/client.js';
import { advance, draftElection, organisationWithAdmin, type TestAccount } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

const QUESTIONS = [
  {
    answers: ['Liste A', 'Liste B', 'Liste C'],
    blank: true,
    min: 1,
    max: 1,
    question: 'Federal council: which list?',
  },
  { answers: ['For', 'Against'], blank: true, min: 1, max: 1, question: 'Adopt the new statutes?' },
];

const person = (name: string, gender: 'F' | 'M', birthDate = '1980-01-01') => ({ name, gender, birthDate });

const RULES = {
  lists: [
    {
      question: 0,
      method: 'dhondt',
      seats: 5,
      threshold: '5',
      parity: 'alternating',
      lists: [
        { name: 'Liste A', candidates: [person('Anne', 'F'), person('Arthur', 'M')] },
        {
          name: 'Liste B',
          candidates: [person('Basile', 'M'), person('Béatrice', 'F'), person('Bruno', 'M')],
        },
        { name: 'Liste C', candidates: [person('Céline', 'F'), person('Cyril', 'M')] },
      ],
    },
  ],
  questions: [
    {
      question: 1,
      kind: 'motion',
      quorum: { kind: 'share', share: '1/2' },
      majority: '>= 2/3',
      base: 'valid',
    },
  ],
  tieBreak: ['draw'],
};

// Slots: [blank, A, B, C] and [blank, For, Against].
const vote = (list: number | 'blank', motion: 'for' | 'against' | 'blank') => [
  list === 'blank' ? [1, 0, 0, 0] : [0, ...[0, 1, 2].map((i) => (i === list ? 1 : 0))],
  motion === 'blank' ? [1, 0, 0] : motion === 'for' ? [0, 1, 0] : [0, 0, 1],
];

describe("an election's own rules: lists and seats, a qualified majority, sealed at opening", () => {
  let server: TestServer;
  let admin: TestAccount;
  let organisationId: string;
  let client: Client;

  beforeAll(async () => {
    server = await startTestServer();
    ({ organisationId, admin } = await organisationWithAdmin(server, 'Federation', 'rules-admin'));
    client = await signedIn(new Client(server.app), admin);
  });
  afterAll(async () => server?.close());

  it('seals the rules at opening and computes seats, elected names and the majority from the verified totals', async () => {
    const csv = [
      'v1@example.org,v1,200,Voter 1',
      'v2@example.org,v2,100,Voter 2',
      'v3@example.org,v3,60,Voter 3',
      'v4@example.org,v4,40,Voter 4',
    ].join('\n');
    const election = await draftElection(server, organisationId, admin, { voters: 4, csv });
    await server.elections.setQuestions(election.id, admin, QUESTIONS);
    const url = `/api/v1/elections/${election.id}/rules`;

    // Parity at entry: Liste B's second candidate has the same gender as the first.
    const unequal = structuredClone(RULES);
    unequal.lists[0]!.lists[1]!.candidates[1] = person('Benoît', 'M');
    const refused = await client.put(url, { rules: unequal });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('SCR_LIST_PARITY');
    expect(refused.json.error.detail.refusals).toEqual([
      expect.objectContaining({ list: 1, listName: 'Liste B', position: 2, reason: 'same-as-previous' }),
    ]);
    expect(await server.store.electionRules.get(election.id)).toBeUndefined();

    // A list named otherwise than its answer is refused too.
    const renamed = structuredClone(RULES);
    renamed.lists[0]!.lists[2]!.name = 'Liste Z';
    const mismatch = await client.put(url, { rules: renamed });
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.error.code).toBe('SCR_INVALID_RULES');

    const set = await client.put(url, { rules: RULES });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    expect(set.json.sealed).toBe(false);
    const raw = await new Client(server.app).get(`${url}.json`);
    expect(raw.status).toBe(404); // a draft is nobody's business but its staff's
    const staffRaw = await client.get(`${url}.json`);
    expect(sha256B64(staffRaw.body)).toBe(set.json.hash);

    await advance(server, election, admin, 'published', [
      vote(0, 'for'), // 200
      vote(1, 'against'), // 100
      vote(2, 'blank'), // 60
      vote('blank', 'blank'), // 40
    ]);

    const summary = await new Client(server.app).get(`/api/v1/elections/${election.id}`);
    expect(summary.json.sealed.rules).toBe(set.json.hash);
    const later = await client.put(url, { rules: { ...RULES, tieBreak: [] } });
    expect(later.status).toBe(409);
    expect(later.json.error.code).toBe('SCR_RULES_SEALED');

    const answer = await new Client(server.app).get(url);
    expect(answer.status).toBe(200);
    expect(answer.json.sealed).toBe(true);
    const [seats] = answer.json.outcome.seats;
    // D'Hondt on 200 / 100 / 60: A, A, B (100 = 100, A has more votes), A's third seat goes to C
    // (Liste A has two candidates), then B.
    expect(seats.lists.map((l: { seats: number }) => l.seats)).toEqual([2, 2, 1]);
    expect(seats.lists.map((l: { elected: string[] }) => l.elected)).toEqual([
      ['Anne', 'Arthur'],
      ['Basile', 'Béatrice'],
      ['Céline'],
    ]);
    expect(seats.lists[0].exhausted).toBe(true);
    expect(seats.total).toBe('360');
    expect(seats.undecided).toBeNull();
    expect(seats.awards.map((a: { list: number }) => a.list)).toEqual([0, 0, 1, 2, 1]);
    expect(seats.steps.kind).toBe('highest-averages');
    expect(answer.json.outcome.questions).toEqual([
      {
        question: 1,
        kind: 'adopted',
        reason: 'majority',
        answers: [],
        quorum: { reached: true, turnout: '400', required: '200' },
        base: '300',
        majority: '≥ 2/3',
      },
    ]);
    const audit = await server.store.audit.list({ organisationId, electionId: election.id });
    expect(audit.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['election.rules', 'election.rules-seal']),
    );
  });

  it('settles a seat left undecided by equal votes with a draw recomputable from the final archive hash', async () => {
    const csv = ['w1@example.org,w1,1,W 1', 'w2@example.org,w2,1,W 2'].join('\n');
    const election = await draftElection(server, organisationId, admin, { voters: 2, csv });
    await server.elections.setQuestions(election.id, admin, [QUESTIONS[0]]);
    const url = `/api/v1/elections/${election.id}/rules`;
    const rules = {
      lists: [{ ...RULES.lists[0]!, seats: 1, parity: 'none' }],
      questions: [],
      tieBreak: ['draw'],
    };
    expect((await client.put(url, { rules })).status).toBe(200);
    const early = await client.post(`${url}/settle`, { question: 0, step: 'draw' });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('SCR_NO_UNDECIDED_SEAT');
    await advance(server, election, admin, 'published', [[[0, 1, 0, 0]], [[0, 0, 1, 0]]]);

    const before = await new Client(server.app).get(url);
    expect(before.json.outcome.seats[0].undecided).toEqual({ seats: 1, lists: [0, 1] });
    const settled = await client.post(`${url}/settle`, { question: 0, step: 'draw' });
    expect(settled.status, JSON.stringify(settled.json)).toBe(200);
    const outcome = settled.json.outcome.seats[0];
    const head = await server.store.board.head(election.id);
    const settlement = outcome.settlement;
    expect(settlement.draw.seed).toBe(drawSeed(head!.hash, settlement.draw.context));
    expect(settlement.draw.context).toBe('question 1, seat 1');
    const winner = settlement.draw.ranking[0].position;
    expect(settlement.winners).toEqual([winner]);
    expect(outcome.lists[winner - 1].seats).toBe(1);
    expect(outcome.lists[winner - 1].elected).toEqual([
      RULES.lists[0]!.lists[winner - 1]!.candidates[0]!.name,
    ]);
    const twice = await client.post(`${url}/settle`, { question: 0, step: 'draw' });
    expect(twice.status).toBe(409);
  });
});
