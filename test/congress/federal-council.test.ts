/**
 * A federal council elected from competing lists across three weighted federation boxes (issue 17):
 * the Belenios question's answers are the lists, the candidates and the seat rule (D'Hondt, 7 seats,
 * 5 % threshold, balanced parity) are each box's sealed rules; seats come from the consolidated
 * totals, never box by box: 450 / 300 / 90 gives 3 / 3 / 1, the first list running out of
 * candidates after its third seat (its fourth average passes to the next lists). The consolidated
 * report, the procès-verbal (FR and EN) and `scrutin-tool consolidate --rules` name the same
 * elected; every box archive passes belenios-tool.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/scrutin-tool/main.js';
import { sha256B64 } from '../../src/core/hash.js';
import type { ElectionId } from '../../src/core/ids.js';
import { beleniosTool, hasBeleniosTool, tempDir } from '../support/tools.js';
import { Client, signedIn } from '../world/client.js';
import { castVotes, issueCredentials, rollCsv, type Vote } from '../world/consultation.js';
import { organisationWithAdmin, type TestAccount } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

const LISTS = ['Gauche unie', 'Écologie', 'Centre'];
const QUESTIONS = [{ answers: LISTS, blank: true, min: 1, max: 1, question: 'Conseil fédéral' }];
const who = (name: string, gender: 'F' | 'M') => ({ name, gender });
const RULES = {
  lists: [
    {
      question: 0,
      method: 'dhondt',
      seats: 7,
      threshold: '5',
      parity: 'balanced',
      lists: [
        { name: LISTS[0], candidates: [who('Amel', 'F'), who('Antoine', 'M'), who('Aline', 'F')] },
        {
          name: LISTS[1],
          candidates: [who('Bernard', 'M'), who('Brigitte', 'F'), who('Bastien', 'M'), who('Berthe', 'F')],
        },
        { name: LISTS[2], candidates: [who('Chantal', 'F'), who('Claude', 'M')] },
      ],
    },
  ],
  questions: [],
  tieBreak: ['older-candidate', 'draw'],
};

// Consolidated: Gauche unie 450, Écologie 300, Centre 90, blank 10; one member abstains.
const VOTES: Vote[] = [
  { box: 'Paris', login: 'p1', weight: 200, choice: 0 },
  { box: 'Paris', login: 'p2', weight: 100, choice: 0 },
  { box: 'Paris', login: 'p3', weight: 150, choice: 1 },
  { box: 'Paris', login: 'p4', weight: 40, choice: 2 },
  { box: 'Paris', login: 'p5', weight: 10, choice: 'blank' },
  { box: 'Lyon', login: 'l1', weight: 100, choice: 0 },
  { box: 'Lyon', login: 'l2', weight: 120, choice: 1 },
  { box: 'Lyon', login: 'l3', weight: 30, choice: 2 },
  { box: 'Abroad', login: 'a1', weight: 50, choice: 0 },
  { box: 'Abroad', login: 'a2', weight: 30, choice: 1 },
  { box: 'Abroad', login: 'a3', weight: 20, choice: 2 },
  { box: 'Abroad', login: 'a4', weight: 5, choice: null },
];

const ELECTED = [['Amel', 'Antoine', 'Aline'], ['Bernard', 'Brigitte', 'Bastien'], ['Chantal']];

describe('a federal council from lists across three weighted boxes', () => {
  let server: TestServer;
  let admin: TestAccount;
  let client: Client;
  let consultationId: string;
  let boxes: { label: string; electionId: ElectionId }[];
  let hash: string;
  let rulesBytes: Buffer;
  const archives: Record<string, Buffer> = {};

  beforeAll(async () => {
    server = await startTestServer();
    const org = await organisationWithAdmin(server, 'La Fédération', 'council-admin');
    admin = org.admin;
    client = await signedIn(new Client(server.app), admin);
    const created = await client.post(`/api/v1/organisations/${org.organisationId}/consultations`, {
      name: 'Conseil fédéral 2027',
      description: 'Élection à la proportionnelle des listes.',
      timeZone: 'Europe/Paris',
      questions: QUESTIONS,
      boxes: [{ label: 'Paris' }, { label: 'Lyon' }, { label: 'Abroad' }],
      serverTrustee: true,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    consultationId = created.json.id;
    boxes = created.json.boxes;
    const imported = await client.put(`/api/v1/consultations/${consultationId}/voters`, rollCsv(VOTES));
    expect(imported.status, JSON.stringify(imported.json)).toBe(200);
  });
  afterAll(async () => server?.close());

  it('seals the same rules in every box and runs the three boxes', async () => {
    for (const box of boxes) {
      const set = await client.put(`/api/v1/elections/${box.electionId}/rules`, { rules: RULES });
      expect(set.status, JSON.stringify(set.json)).toBe(200);
      hash ??= set.json.hash;
      expect(set.json.hash).toBe(hash);
    }
    const credentials = new Map(
      await Promise.all(
        boxes.map(async (b) => [b.label, await issueCredentials(server, b.electionId, admin)] as const),
      ),
    );
    const advance = async (step: string) => {
      const answer = await client.post(`/api/v1/consultations/${consultationId}/advance`, { step });
      expect(answer.status, `${step}: ${JSON.stringify(answer.json)}`).toBe(200);
    };
    await advance('open');
    for (const box of boxes)
      await castVotes(
        server,
        box.electionId,
        credentials.get(box.label)!,
        VOTES.filter((v) => v.box === box.label),
      );
    for (const step of ['close', 'tally', 'publish']) await advance(step);
    for (const box of boxes) {
      const summary = await new Client(server.app).get(`/api/v1/elections/${box.electionId}`);
      expect(summary.json.sealed.rules).toBe(hash);
      archives[box.label] = (
        await new Client(server.app).get(`/api/v1/elections/${box.electionId}/archive.bel`)
      ).body;
    }
    rulesBytes = (await new Client(server.app).get(`/api/v1/elections/${boxes[0]!.electionId}/rules.json`))
      .body;
    expect(sha256B64(new Uint8Array(rulesBytes))).toBe(hash);
  });

  it('allocates the seats from the consolidated totals and names the elected in list order', async () => {
    const answer = await new Client(server.app).get(`/api/v1/consultations/${consultationId}`);
    expect(answer.status).toBe(200);
    expect(answer.json.figures.counts).toEqual([['10', '450', '300', '90']]);
    const { rules } = answer.json;
    expect(rules.hash).toBe(hash);
    const [seats] = rules.outcome.seats;
    expect(seats.lists.map((l: { seats: number }) => l.seats)).toEqual([3, 3, 1]);
    expect(seats.lists.map((l: { elected: string[] }) => l.elected)).toEqual(ELECTED);
    expect(seats.lists[0].exhausted).toBe(true);
    // Seat 4: 150 = 150, the list with more votes wins it; seat 6 passes from Gauche unie to Écologie.
    expect(seats.awards.map((a: { list: number; byVotes: boolean }) => [a.list, a.byVotes])).toEqual([
      [0, false],
      [1, false],
      [0, false],
      [0, true],
      [1, false],
      [1, false],
      [2, false],
    ]);
    for (const lang of ['fr', 'en'] as const) {
      const pv = await new Client(server.app).get(
        `/api/v1/consultations/${consultationId}/proces-verbal.html?lang=${lang}`,
      );
      expect(pv.status).toBe(200);
      const html = pv.body.toString();
      expect(html).toContain(hash);
      expect(html).toContain(lang === 'fr' ? 'Sièges et décisions' : 'Seats and decisions');
      expect(html).toContain('Bernard, Brigitte, Bastien');
      expect(html).toContain(lang === 'fr' ? 'diviseur 3' : 'divisor 3');
      expect(html).not.toMatch(/<script/i);
    }
  });

  it('every box archive passes belenios-tool, and scrutin-tool consolidate --rules prints the same seats', async () => {
    const dir = tempDir('council');
    const paths = boxes.map((box) => {
      const path = join(dir, `${box.label}.bel`);
      writeFileSync(path, archives[box.label]!);
      if (hasBeleniosTool) {
        const boxDir = join(dir, box.label);
        mkdirSync(boxDir, { recursive: true });
        writeFileSync(join(boxDir, 'box.bel'), archives[box.label]!);
        const verdict = beleniosTool(['election', 'verify', '--dir', boxDir]);
        expect(verdict.status, `${box.label}: ${verdict.stderr}`).toBe(0);
      }
      return path;
    });
    const rulesFile = join(dir, 'rules.json');
    writeFileSync(rulesFile, rulesBytes);
    let out = '';
    let err = '';
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      err += String(chunk);
      return true;
    });
    let code: number;
    try {
      code = await main(['consolidate', ...paths, '--rules', rulesFile]);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    expect(code, err).toBe(0);
    expect(out).toContain(`rules: sha256 ${hash}`);
    expect(out).toContain('Gauche unie: 450 votes, 3 seat(s) — Amel, Antoine, Aline (out of candidates)');
    expect(out).toContain('Écologie: 300 votes, 3 seat(s) — Bernard, Brigitte, Bastien');
    expect(out).toContain('Centre: 90 votes, 1 seat(s) — Chantal');
  });
});
