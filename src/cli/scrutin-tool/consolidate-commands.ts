/**
 * `scrutin-tool consolidate BOX1.bel BOX2.bel … [--paper FILE.json] [--json]`: re-adds a
 * consultation from its published boxes. Every archive is verified in full (ballots on a worker
 * pool shared by all boxes, a few boxes at a time), the boxes must be on the same questions, and
 * the consolidated result is the sum of their verified results. Boxes counted elsewhere come from
 * the --paper file (the `boxes` of a consultation export, or a list of {label, enteredBy, report,
 * figures}) and are printed as not cryptographically verifiable. The first box that is unreadable,
 * tampered with, unfinished or on other questions ends the command with exit code 124, naming it.
 */

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import type { Command } from 'commander';
import { type BoxInput, consolidate, NOT_VERIFIABLE } from '../../congress/consolidation.js';
import { type ConsolidatedRules, consolidatedRules, rulesProblems } from '../../congress/election-rules.js';
import { figuresFromJson, figuresProblem, questionsKey } from '../../congress/figures.js';
import type { Presentation } from '../../congress/presentation.js';
import { describeParityRefusal } from '../../congress/seats.js';
import { type VerifiedBox, verifyBoxArchive } from '../../congress/verified-box.js';
import { ElectionRulesSchema } from '../../contract/election-rules.js';
import { sha256B64 } from '../../core/hash.js';
import { boxId, consultationId, electionId } from '../../core/ids.js';
import { BallotWorkerPool } from '../../node/ballot-worker-pool.js';
import { type HomomorphicQuestion, questionCodec } from '../../protocol/messages.js';
import { type BallotBatchChecker, inProcessChecker } from '../../protocol/verifier.js';
import { fail, readText } from './io.js';

/** Boxes verified at once: enough to keep every worker busy, few enough to bound memory. */
const CONCURRENT_BOXES = 4;
const POOL_THRESHOLD = 24;

interface PaperEntry {
  label: string;
  enteredBy: string;
  report: { fileName: string; sha256: string };
  figures: unknown;
}

function readPaper(path: string): PaperEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(readText(path, 'paper boxes file'));
  } catch {
    fail(`${path}: not valid JSON`);
  }
  const list = Array.isArray(value) ? value : (value as { boxes?: unknown })?.boxes;
  if (!Array.isArray(list)) fail(`${path}: expected a list of paper boxes`);
  return (list as unknown[]).map((entry, i) => {
    const e = entry as Partial<PaperEntry> & {
      paper?: { enteredBy?: string; reportName?: string; reportSha256?: string };
    };
    // A consultation export's box: {label, channel: "paper", paper: {...}, figures: {...}}.
    const enteredBy = e.enteredBy ?? e.paper?.enteredBy;
    const report =
      e.report ?? (e.paper && { fileName: e.paper.reportName ?? '', sha256: e.paper.reportSha256 ?? '' });
    if (
      typeof e.label !== 'string' ||
      typeof enteredBy !== 'string' ||
      !report ||
      typeof report.sha256 !== 'string'
    )
      fail(`${path}: paper box ${i + 1} needs label, enteredBy, report {fileName, sha256} and figures`);
    return { label: e.label, enteredBy, report: report as PaperEntry['report'], figures: e.figures };
  });
}

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, lane));
  return out;
}

/** Verifies every archive; the first failure (in argument order) names its file. */
export async function verifyBoxes(
  paths: readonly string[],
  checker: BallotBatchChecker,
): Promise<VerifiedBox[]> {
  const verdicts = await inBatches(paths, CONCURRENT_BOXES, async (path) => {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(path));
    } catch {
      return { ok: false as const, problem: 'cannot be read' };
    }
    return verifyBoxArchive(bytes, checker);
  });
  return verdicts.map((verdict, i) => {
    if (!verdict.ok) fail(`box ${paths[i]}: ${verdict.problem}`);
    return verdict.box;
  });
}

const line = (label: string, p: Presentation, questions: readonly HomomorphicQuestion[]) => {
  const rows = [
    `${label}: ${p.ballotsCounted} ballots (weight ${p.weightCast}) of ${p.registeredVoters} registered (weight ${p.registeredWeight}), turnout ${p.turnoutPercent ?? '–'} %`,
  ];
  for (const q of p.questions) {
    rows.push(`  Q${q.number} ${questions[q.number - 1]!.question}`);
    for (const a of q.answers)
      rows.push(
        `    ${a.blank ? '(blank)' : a.answer}: ${a.count} (${a.percentOfVotesCast ?? '–'} % of votes cast${a.blank ? '' : `, ${a.percentOfValidVotes ?? '–'} % of valid votes`})`,
      );
  }
  return rows.join('\n');
};

/** The rules file: its SHA-256 over the exact bytes (the sealed hash), decoded and checked. */
function readRules(path: string, questions: readonly HomomorphicQuestion[]) {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    fail(`${path}: cannot be read`);
  }
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    fail(`${path}: not valid JSON`);
  }
  if (!Value.Check(ElectionRulesSchema, value)) {
    const first = Value.Errors(ElectionRulesSchema, value).First();
    fail(`${path}: not election rules (${first ? `${first.path}: ${first.message}` : 'schema'})`);
  }
  const problems = rulesProblems(value, questions);
  if (problems.length > 0)
    fail(
      `${path}: ${problems.map((p) => (p.kind === 'invalid' ? p.problem : p.refusals.map(describeParityRefusal).join('; '))).join('; ')}`,
    );
  return { hash: sha256B64(new Uint8Array(bytes)), rules: value };
}

/** Seats per list with the elected, and each question's outcome, for people to read. */
function seatLines(rules: ConsolidatedRules): string[] {
  const out = [`rules: sha256 ${rules.hash} (compare with each box's sealed rules hash)`];
  if (!rules.outcome) return out;
  for (const s of rules.outcome.seats) {
    out.push(`  Q${s.question + 1} seats (${s.method}, ${s.seats} seats, threshold ${s.threshold} %):`);
    for (const list of s.lists)
      out.push(
        `    ${list.name}: ${list.votes} votes, ${list.admitted ? `${list.seats} seat(s)` : 'below the threshold'}${list.elected.length > 0 ? ` — ${list.elected.join(', ')}` : ''}${list.exhausted ? ' (out of candidates)' : ''}`,
      );
    if (s.vacant > 0) out.push(`    ${s.vacant} seat(s) vacant`);
    if (s.undecided)
      out.push(
        `    ${s.undecided.seats} seat(s) undecided between ${s.undecided.lists.map((i) => s.lists[i]!.name).join(', ')}`,
      );
  }
  for (const q of rules.outcome.questions) out.push(`  Q${q.question + 1}: ${q.kind}`);
  return out;
}

export function registerConsolidateCommands(program: Command): void {
  program
    .command('consolidate')
    .description('verify every box archive and print the per-box and consolidated results')
    .argument('<archives...>', 'the boxes (UUID.bel files)')
    .option('--paper <FILE>', 'boxes counted elsewhere (JSON), not cryptographically verifiable')
    .option('--json', 'print the consolidation as JSON on standard output')
    .option(
      '--rules <FILE>',
      "the election rules the boxes share (their rules.json, whose SHA-256 is each box's sealed rules hash): prints the seats and outcomes of the consolidated totals",
    )
    .action(async (archives: string[], options: { paper?: string; json?: boolean; rules?: string }) => {
      const pool = new BallotWorkerPool();
      const checker: BallotBatchChecker = (ctx, raws) =>
        raws.length < POOL_THRESHOLD ? inProcessChecker(ctx, raws) : pool.check(ctx, raws);
      let boxes: VerifiedBox[];
      try {
        boxes = await verifyBoxes(archives, checker);
      } finally {
        await pool.close();
      }
      const first = boxes[0]!;
      const key = questionsKey(first.questions.map((q) => questionCodec.toJson(q)));
      boxes.forEach((box, i) => {
        if (questionsKey(box.questions.map((q) => questionCodec.toJson(q))) !== key)
          fail(`box ${archives[i]}: its questions differ from those of ${archives[0]}`);
      });
      const seen = new Map<string, string>();
      boxes.forEach((box, i) => {
        const other = seen.get(box.uuid);
        if (other) fail(`box ${archives[i]}: the same election as ${other} (${box.uuid})`);
        seen.set(box.uuid, archives[i]!);
      });
      const inputs: BoxInput[] = boxes.map((box, i) => ({
        // Read offline, a box is named by its election's uuid.
        id: boxId(box.uuid),
        label: basename(archives[i]!),
        channel: 'online',
        electionId: electionId(box.uuid),
        replaces: null,
        annulment: null,
        verified: box,
      }));
      for (const [i, entry] of (options.paper ? readPaper(options.paper) : []).entries()) {
        const parsed = figuresFromJson(entry.figures);
        if (!parsed.ok) fail(`paper box ${entry.label}: ${parsed.problem}`);
        const problem = figuresProblem(first.questions, parsed.figures);
        if (problem) fail(`paper box ${entry.label}: ${problem}`);
        inputs.push({
          id: boxId(`paper-${i + 1}`),
          label: entry.label,
          channel: 'paper',
          electionId: null,
          replaces: null,
          annulment: null,
          paper: {
            figures: parsed.figures,
            enteredBy: entry.enteredBy,
            enteredAt: '',
            reportName: entry.report.fileName,
            reportSha256: entry.report.sha256,
          },
        });
      }
      const consolidated = consolidate({
        consultation: { id: consultationId(''), name: 'consolidation', round: 1 },
        questions: first.questions,
        rule: null,
        boxes: inputs,
      });
      const report = options.rules
        ? {
            ...consolidated,
            rules: consolidatedRules(
              readRules(options.rules, first.questions),
              first.questions,
              consolidated.figures,
            ),
          }
        : consolidated;
      if (options.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const out: string[] = [];
      for (const box of report.boxes) {
        const tag =
          box.channel === 'online'
            ? `verified, election ${box.electionId}, final hash ${box.archive!.finalHash}`
            : `${NOT_VERIFIABLE}, entered by ${box.paper!.enteredBy}, report sha256 ${box.paper!.reportSha256}`;
        out.push(line(`box ${box.label} [${tag}]`, box.presentation!, first.questions));
      }
      out.push(line(`consolidated (${report.counted.boxes} boxes)`, report.presentation, first.questions));
      if (report.rules) out.push(...seatLines(report.rules));
      for (const note of report.notes) out.push(`note: ${note}`);
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
