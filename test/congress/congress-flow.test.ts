/**
 * A congress through the HTTP API: three federation boxes with weighted members, a first round
 * with three candidates; the Lyon box is annulled after publication (reason shown, excluded) and
 * re-run; the consolidated result equals the sums of the clear votes cast (about 50 / 30.5 / 19.5 %
 * of valid votes: no absolute majority), so the rule prepares a runoff between the top two, in
 * draft, with the same rolls and trustees. Every box archive passes belenios-tool, and
 * `scrutin-tool consolidate` recomputes the consolidated result and rejects a tampered box.
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/scrutin-tool/main.js';
import type { ElectionId } from '../../src/core/ids.js';
import { ArchiveAppender, parseArchive } from '../../src/protocol/archive/archive.js';
import { readTar, tarEntry } from '../../src/protocol/archive/tar.js';
import { verifyArchive } from '../../src/protocol/verifier.js';
import { beleniosTool, hasBeleniosTool, ROOT, tempDir } from '../support/tools.js';
import { Client, signedIn } from '../world/client.js';
import {
  CANDIDATES,
  CONGRESS_QUESTIONS,
  castVotes,
  expectedCounts,
  issueCredentials,
  rollCsv,
  type Vote,
} from '../world/consultation.js';
import { organisationWithAdmin, type TestAccount } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

// Paris 50 / 25 / 14 (+1 blank); Lyon re-run 10 / 5 / 3; Abroad 40 / 31 / 22 (+2 blank, one abstains).
const FIRST_ROUND: Vote[] = [
  { box: 'Paris', login: 'p1', weight: 30, choice: 0 },
  { box: 'Paris', login: 'p2', weight: 20, choice: 0 },
  { box: 'Paris', login: 'p3', weight: 25, choice: 1 },
  { box: 'Paris', login: 'p4', weight: 14, choice: 2 },
  { box: 'Paris', login: 'p5', weight: 1, choice: 'blank' },
  { box: 'Lyon', login: 'l1', weight: 10, choice: 0 },
  { box: 'Lyon', login: 'l2', weight: 5, choice: 0 },
  { box: 'Lyon', login: 'l3', weight: 3, choice: 1 },
  { box: 'Abroad', login: 'a1', weight: 40, choice: 0 },
  { box: 'Abroad', login: 'a2', weight: 31, choice: 1 },
  { box: 'Abroad', login: 'a3', weight: 22, choice: 2 },
  { box: 'Abroad', login: 'a4', weight: 2, choice: 'blank' },
  { box: 'Abroad', login: 'a5', weight: 7, choice: null },
];
// The Lyon box is re-run after its annulment: the same members vote again.
const LYON_RERUN: Vote[] = [
  { box: 'Lyon', login: 'l1', weight: 10, choice: 0 },
  { box: 'Lyon', login: 'l2', weight: 5, choice: 1 },
  { box: 'Lyon', login: 'l3', weight: 3, choice: 2 },
];

describe('a congress: federation boxes, annulment and re-run, consolidation and runoff', () => {
  let server: TestServer;
  let admin: TestAccount;
  let client: Client;
  let organisationId: string;
  let consultationId: string;
  let boxes: Record<string, { id: string; electionId: ElectionId }>;
  let rerun: { id: string; electionId: ElectionId };
  const archives: Record<string, Buffer> = {};

  beforeAll(async () => {
    server = await startTestServer();
    ({ organisationId, admin } = await organisationWithAdmin(server, 'The Party', 'congress-admin'));
    client = await signedIn(new Client(server.app), admin);
  });
  afterAll(async () => server?.close());

  const advance = async (step: string) => {
    const answer = await client.post(`/api/v1/consultations/${consultationId}/advance`, { step });
    expect(answer.status, `${step}: ${JSON.stringify(answer.json)}`).toBe(200);
    return answer.json;
  };

  it('creates the consultation, one draft box per federation, and refuses a bad roll as a whole', async () => {
    const created = await client.post(`/api/v1/organisations/${organisationId}/consultations`, {
      name: 'Congress 2027 — first round',
      description: 'National vote, counted by federation.',
      timeZone: 'Europe/Paris',
      questions: CONGRESS_QUESTIONS,
      boxes: [{ label: 'Paris' }, { label: 'Lyon' }, { label: 'Abroad' }],
      rule: { question: 0, qualifying: 2, majorityPercent: 50, blankVotes: 'excluded' },
      serverTrustee: true,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    consultationId = created.json.id;
    boxes = Object.fromEntries(created.json.boxes.map((b: { label: string }) => [b.label, b]));
    expect(Object.keys(boxes)).toEqual(['Paris', 'Lyon', 'Abroad']);
    for (const box of Object.values(boxes))
      expect((await server.elections.get(box.electionId)).state).toBe('draft');

    const bad = await client.put(
      `/api/v1/consultations/${consultationId}/voters`,
      `${rollCsv(FIRST_ROUND)}\nMarseille,m1@example.org,m1,1,M\nParis,not-an-email,x,1,X\nLyon,p1@example.org,p1,1,Twice`,
    );
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe('SCR_INVALID_VOTERS');
    expect(bad.json.error.detail.problems.map((p: { line: number }) => p.line)).toEqual([15, 16, 17]);
    expect(await server.store.voters.list(boxes.Paris!.electionId)).toEqual([]);

    const imported = await client.put(`/api/v1/consultations/${consultationId}/voters`, rollCsv(FIRST_ROUND));
    expect(imported.status, JSON.stringify(imported.json)).toBe(200);
    expect(imported.json.imported).toEqual({ Paris: 5, Lyon: 3, Abroad: 5 });
    const lyonRoll = await server.store.voters.list(boxes.Lyon!.electionId);
    expect(lyonRoll.map((v) => [v.login, v.weight])).toEqual([
      ['l1', '10'],
      ['l2', '5'],
      ['l3', '3'],
    ]);
  });

  it('runs the first round, annuls Lyon after publication with a recorded reason, and re-runs it', async () => {
    const credentials = Object.fromEntries(
      await Promise.all(
        Object.entries(boxes).map(async ([label, box]) => [
          label,
          await issueCredentials(server, box.electionId, admin),
        ]),
      ),
    );
    expect((await advance('open')).moved).toHaveLength(3);
    for (const [label, box] of Object.entries(boxes))
      await castVotes(
        server,
        box.electionId,
        credentials[label],
        FIRST_ROUND.filter((v) => v.box === label),
      );
    await advance('close');
    await advance('tally');
    await advance('publish');
    // Complete, and the first count gives Alice an absolute majority: no runoff yet.
    const first = await new Client(server.app).get(`/api/v1/consultations/${consultationId}`);
    expect(first.status).toBe(200);
    expect(first.json.decision).toEqual({ kind: 'elected', winner: 0, reason: 'majority' });
    expect(first.json.nextRound).toBeNull();
    for (const [label, box] of Object.entries(boxes))
      archives[label] = (
        await new Client(server.app).get(`/api/v1/elections/${box.electionId}/archive.bel`)
      ).body;

    const annulled = await client.post(
      `/api/v1/consultations/${consultationId}/boxes/${boxes.Lyon!.id}/annul`,
      {
        reason: 'Contested count: proxies were not checked',
      },
    );
    expect(annulled.status, JSON.stringify(annulled.json)).toBe(200);
    const again = await client.post(`/api/v1/consultations/${consultationId}/boxes/${boxes.Lyon!.id}/annul`, {
      reason: 'twice is refused',
    });
    expect(again.status).toBe(409);

    const rerunAnswer = await client.post(
      `/api/v1/consultations/${consultationId}/boxes/${boxes.Lyon!.id}/rerun`,
    );
    expect(rerunAnswer.status, JSON.stringify(rerunAnswer.json)).toBe(201);
    rerun = rerunAnswer.json.boxes.find((b: { replaces: string | null }) => b.replaces === boxes.Lyon!.id);
    expect(rerun).toBeDefined();
    // The re-run box has the annulled box's roll (weights included) and a trustee.
    const roll = await server.store.voters.list(rerun.electionId);
    expect(roll.map((v) => [v.login, v.weight])).toEqual([
      ['l1', '10'],
      ['l2', '5'],
      ['l3', '3'],
    ]);
    expect(await server.store.trustees.list(rerun.electionId)).toHaveLength(1);
    // Not complete while the re-run is pending: the public gets no consolidation.
    const pending = await new Client(server.app).get(`/api/v1/consultations/${consultationId}`);
    expect(pending.status).toBe(409);
    expect(pending.json.error.code).toBe('SCR_CONSULTATION_NOT_PUBLISHED');

    const credentials2 = await issueCredentials(server, rerun.electionId, admin);
    expect((await advance('open')).moved).toEqual([rerun.id]);
    await castVotes(server, rerun.electionId, credentials2, LYON_RERUN);
    for (const step of ['close', 'tally', 'publish']) await advance(step);
    archives.LyonRerun = (
      await new Client(server.app).get(`/api/v1/elections/${rerun.electionId}/archive.bel`)
    ).body;
  });

  it('publishes the consolidated result: the sums of the clear votes, without the annulled box', async () => {
    const answer = await new Client(server.app).get(`/api/v1/consultations/${consultationId}`);
    expect(answer.status).toBe(200);
    const report = answer.json;
    const counted = [...FIRST_ROUND.filter((v) => v.box !== 'Lyon'), ...LYON_RERUN];
    expect(report.complete).toBe(true);
    expect(report.figures.counts).toEqual([expectedCounts(counted).map(String)]);
    expect(report.figures.counts).toEqual([['3', '100', '61', '39']]);
    const lines = report.presentation.questions[0].answers;
    expect(lines.map((a: { percentOfValidVotes: string | null }) => a.percentOfValidVotes)).toEqual([
      null,
      '50.00',
      '30.50',
      '19.50',
    ]);
    expect(report.presentation.registeredWeight).toBe(String(counted.reduce((s, v) => s + v.weight, 0)));
    expect(report.presentation.weightCast).toBe(
      String(counted.filter((v) => v.choice !== null).reduce((s, v) => s + v.weight, 0)),
    );
    // Every box is shown with its figures; the annulled one with its reason, excluded.
    const lyon = report.boxes.find((b: { id: string }) => b.id === boxes.Lyon!.id);
    expect(lyon.status).toBe('annulled');
    expect(lyon.annulment.reason).toBe('Contested count: proxies were not checked');
    expect(lyon.replacedBy).toBe(rerun.id);
    expect(lyon.figures.counts).toEqual([
      expectedCounts(FIRST_ROUND.filter((v) => v.box === 'Lyon')).map(String),
    ]);
    expect(report.notes.join(' ')).toMatch(/Lyon .* annulled and excluded: Contested count/);
    for (const box of report.boxes.filter((b: { status: string }) => b.status === 'counted')) {
      expect(box.cryptographicallyVerifiable).toBe(true);
      expect(box.archive.verified).toBe(true);
      expect(box.archiveUrl).toBe(`/api/v1/elections/${box.electionId}/archive.bel`);
    }
    expect(report.decision).toEqual({ kind: 'second-round', qualified: [0, 1], tiedAtThreshold: [] });

    // Exports and the procès-verbal say the same.
    const csv = await new Client(server.app).get(
      `/api/v1/consultations/${consultationId}/exports/result.csv`,
    );
    expect(csv.status).toBe(200);
    expect(csv.body.toString()).toContain(
      'consolidated,,,,,complete,1,Who should lead the party?,1,Alice Martin,100,',
    );
    const json = await new Client(server.app).get(
      `/api/v1/consultations/${consultationId}/exports/result.json`,
    );
    expect(JSON.parse(json.body.toString()).figures).toEqual(report.figures);
    for (const lang of ['fr', 'en']) {
      const pv = await new Client(server.app).get(
        `/api/v1/consultations/${consultationId}/proces-verbal.html?lang=${lang}`,
      );
      expect(pv.status).toBe(200);
      const html = pv.body.toString();
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain('@media print');
      expect(html).toContain(lang === 'fr' ? 'Procès-verbal' : 'Official report');
      for (const box of report.boxes.filter((b: { archive: unknown }) => b.archive)) {
        expect(html).toContain(box.archive.finalHash);
        expect(html).toContain(box.sealed.election);
      }
      expect(html).toContain('Contested count: proxies were not checked');
    }
  });

  it('prepared the runoff by the rule: top two, same rolls and trustees, in draft', async () => {
    const admin1 = await client.get(`/api/v1/consultations/${consultationId}/admin`);
    const nextId = admin1.json.nextId as string;
    expect(nextId).toBeTruthy();
    const next = await client.get(`/api/v1/consultations/${nextId}/admin`);
    expect(next.json.round).toBe(2);
    expect(next.json.previousId).toBe(consultationId);
    expect(next.json.template.questions[0].answers).toEqual([CANDIDATES[0], CANDIDATES[1]]);
    expect(next.json.boxes.map((b: { label: string }) => b.label).sort()).toEqual([
      'Abroad',
      'Lyon',
      'Paris',
    ]);
    for (const box of next.json.boxes) {
      expect(box.state).toBe('draft');
      const source = box.label === 'Lyon' ? rerun.electionId : boxes[box.label]!.electionId;
      const logins = async (id: string) =>
        (await server.store.voters.list(id)).map((v) => `${v.login}:${v.weight}`);
      expect(await logins(box.electionId)).toEqual(await logins(source));
      expect((await server.store.trustees.list(box.electionId)).map((t) => t.kind)).toEqual(['server']);
    }
    // Settling again prepares nothing more.
    expect(
      (await client.get(`/api/v1/organisations/${organisationId}/consultations`)).json.consultations,
    ).toHaveLength(2);
  });

  it('opens the prepared runoff after review, and its consolidation is final (no rule, no third round)', async () => {
    const nextId = (await client.get(`/api/v1/consultations/${consultationId}/admin`)).json.nextId as string;
    const next = (await client.get(`/api/v1/consultations/${nextId}/admin`)).json;
    const runoff: Vote[] = [
      { box: 'Paris', login: 'p1', weight: 30, choice: 1 },
      { box: 'Lyon', login: 'l1', weight: 10, choice: 0 },
      { box: 'Abroad', login: 'a5', weight: 7, choice: 'blank' },
    ];
    const byLabel = new Map<string, { electionId: ElectionId }>(
      next.boxes.map((b: { label: string }) => [b.label, b]),
    );
    const credentials = new Map<string, Awaited<ReturnType<typeof issueCredentials>>>();
    for (const [label, box] of byLabel)
      credentials.set(label, await issueCredentials(server, box.electionId, admin));
    const step = (s: string) => client.post(`/api/v1/consultations/${nextId}/advance`, { step: s });
    expect((await step('open')).json.moved).toHaveLength(3);
    for (const [label, box] of byLabel)
      await castVotes(
        server,
        box.electionId,
        credentials.get(label)!,
        runoff
          .filter((v) => v.box === label)
          .map((v) => ({ ...v, choice: v.choice === 'blank' ? 'blank' : v.choice })),
      );
    for (const s of ['close', 'tally', 'publish']) expect((await step(s)).status).toBe(200);
    const final = await new Client(server.app).get(`/api/v1/consultations/${nextId}`);
    expect(final.status).toBe(200);
    expect(final.json.consultation.round).toBe(2);
    expect(final.json.figures.counts).toEqual([['7', '10', '30']]);
    // The final round is decided by the most votes (Bruno 30 against Alice 10), and links back.
    expect(final.json.decision).toEqual({ kind: 'elected', winner: 1, reason: 'most-votes' });
    expect(final.json.previousRound.id).toBe(consultationId);
    expect(final.json.nextRound).toBeNull();
  });

  it('every box archive verifies (Scrutin verifier, and belenios-tool election verify when installed)', async () => {
    expect(Object.keys(archives).sort()).toEqual(['Abroad', 'Lyon', 'LyonRerun', 'Paris']);
    for (const [label, bytes] of Object.entries(archives)) {
      const report = await verifyArchive(parseArchive(new Uint8Array(bytes)));
      expect(report.failure, label).toBeUndefined();
      expect(report.phase).toBe('result');
      if (!hasBeleniosTool) continue;
      const dir = tempDir(`box-${label}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'box.bel'), bytes);
      const verdict = beleniosTool(['election', 'verify', '--dir', dir]);
      expect(verdict.status, `${label}: ${verdict.stderr}`).toBe(0);
    }
  });

  it('scrutin-tool consolidate recomputes the consolidated result and rejects a tampered box', async () => {
    const dir = tempDir('consolidate');
    const paths = ['Paris', 'LyonRerun', 'Abroad'].map((label) => {
      const path = join(dir, `${label}.bel`);
      writeFileSync(path, archives[label]!);
      return path;
    });
    const run = async (args: string[]) => {
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
      try {
        return { code: await main(args), out, err };
      } finally {
        stdout.mockRestore();
        stderr.mockRestore();
      }
    };
    const ok = await run(['consolidate', ...paths, '--json']);
    expect(ok.code, ok.err).toBe(0);
    const report = JSON.parse(ok.out);
    const counted = [...FIRST_ROUND.filter((v) => v.box !== 'Lyon'), ...LYON_RERUN];
    expect(report.figures.counts).toEqual([expectedCounts(counted).map(String)]);
    const text = await run(['consolidate', ...paths]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('consolidated (3 boxes)');
    expect(text.out).toContain('Alice Martin: 100');

    // A paper box is added, marked as not verifiable.
    const paperFile = join(dir, 'paper.json');
    writeFileSync(
      paperFile,
      JSON.stringify([
        {
          label: 'Overseas (paper)',
          enteredBy: 'Returning officer',
          report: { fileName: 'overseas.pdf', sha256: 'a'.repeat(64) },
          figures: { registeredVoters: 10, ballotsCounted: 5, counts: [[0, 2, 2, 1]] },
        },
      ]),
    );
    const withPaper = await run(['consolidate', ...paths, '--paper', paperFile]);
    expect(withPaper.code, withPaper.err).toBe(0);
    expect(withPaper.out).toContain('not cryptographically verifiable, entered by Returning officer');
    expect(withPaper.out).toContain('Alice Martin: 102');

    // Tampering: the Abroad box's result is rewritten (a well-formed archive, every hash recomputed).
    const original = new Uint8Array(readFileSync(paths[2]!));
    const timestamp = Number(parseArchive(original).header.timestamp);
    const kept = readTar(original).slice(0, -2); // drop the result data and the Result event
    const prefix = Buffer.concat(kept.map((e) => tarEntry(e.name, e.content, timestamp)));
    const appender = ArchiveAppender.after(parseArchive(new Uint8Array(prefix)));
    appender.addEvent('Result', appender.addData(JSON.stringify({ result: [[2, 50, 31, 12]] })));
    const tampered = join(dir, 'Abroad-tampered.bel');
    writeFileSync(tampered, Buffer.concat([prefix, appender.take()]));
    const refused = await run(['consolidate', paths[0]!, paths[1]!, tampered]);
    expect(refused.code).toBe(124);
    expect(refused.err).toContain(`box ${tampered}: the archive does not verify (result:`);
    // A byte changed anywhere is caught too (the file no longer matches its name).
    const flipped = Buffer.from(original);
    const at = flipped.indexOf('"credential":"') + 20;
    flipped[at] = flipped[at]! ^ 1;
    writeFileSync(tampered, flipped);
    expect((await run(['consolidate', paths[0]!, tampered])).err).toContain(
      `box ${tampered}: not a readable archive`,
    );
    // A box on other questions (a belenios-tool election) is refused, and so is the same box twice.
    const foreign = join(ROOT, 'test/fixtures/belenios-2.0/BELENIOS-2048-single/wNj5BB9pLFtDha.bel');
    const mixed = await run(['consolidate', paths[0]!, foreign]);
    expect(mixed.code).toBe(124);
    expect(mixed.err).toContain(`box ${foreign}: its questions differ`);
    const twice = await run(['consolidate', paths[0]!, paths[0]!]);
    expect(twice.code).toBe(124);
    expect(twice.err).toContain('the same election');
  });
});
