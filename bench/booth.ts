/**
 * The booth's encryption in a real browser: headless Chromium runs the code the booth runs when a
 * voter presses "Encrypt and cast" (createBallot + serializeBallot + the tracker, booth.ts `encrypt`),
 * bundled from src/ by esbuild with the booth's options, on an election made here in BELENIOS-2048.
 * `loadElection` (parsing, checks and the fixed-base table for y) happens once, as when the booth
 * page loads, and is timed apart. Figures: milliseconds per ballot, median of several runs after one
 * warm-up, for one question with 10 answers (choose 1, and choose up to 10) and for a 3-question
 * ballot. Target: under 300 ms for the 10-answer question.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Bench, formatNumber, load, median, printTable } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Case {
  readonly name: string;
  readonly questions: readonly {
    question: string;
    answers: string[];
    min: number;
    max: number;
    blank?: boolean;
  }[];
  readonly plaintext: number[][];
}

const tenAnswers = Array.from({ length: 10 }, (_, i) => `Candidate ${i + 1}`);

const CASES: readonly Case[] = [
  {
    name: '1 question, 10 answers, choose 1',
    questions: [{ question: 'Who?', answers: tenAnswers, min: 1, max: 1 }],
    plaintext: [[0, 0, 1, 0, 0, 0, 0, 0, 0, 0]],
  },
  {
    name: '1 question, 10 answers, choose up to 10',
    questions: [{ question: 'Which?', answers: tenAnswers, min: 0, max: 10 }],
    plaintext: [[1, 0, 1, 0, 1, 0, 0, 1, 0, 0]],
  },
  {
    name: '3 questions (3, 3 + blank, 5 answers)',
    questions: [
      { question: 'Chair?', answers: ['A', 'B', 'C'], min: 1, max: 1 },
      { question: 'Budget lines?', answers: ['A', 'B', 'C'], min: 1, max: 2, blank: true },
      { question: 'Board members?', answers: ['A', 'B', 'C', 'D', 'E'], min: 1, max: 3 },
    ],
    plaintext: [
      [0, 1, 0],
      [0, 1, 1, 0],
      [1, 0, 0, 1, 1],
    ],
  },
];

/** The booth's encryption, exposed to the page: the very modules booth.ts imports. */
const ENTRY = `
import { parsePrivateCredential } from './src/core/credential.js';
import { sha256B64 } from './src/core/hash.js';
import { createBallot, serializeBallot } from './src/protocol/ballot.js';
import { loadElection } from './src/protocol/election.js';

globalThis.boothBench = (electionJson, credentialText, plaintext, runs) => {
  const parsed = parsePrivateCredential(credentialText);
  if (!parsed.ok) throw new Error('bad credential');
  let started = performance.now();
  const context = loadElection(electionJson);
  const loadMs = performance.now() - started;
  const times = [];
  let tracker = '';
  for (let i = 0; i <= runs; i++) {
    started = performance.now();
    const text = serializeBallot(createBallot(context, parsed.credential, plaintext));
    tracker = sha256B64(text);
    if (i > 0) times.push(performance.now() - started); // run 0 warms the JIT up
  }
  return { loadMs, times, tracker };
};
`;

async function bundle(): Promise<string> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'booth-bench-entry.ts' },
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export const boothBench: Bench = {
  name: 'booth',
  description: "the booth's ballot encryption and proofs in headless Chromium (BELENIOS-2048)",
  async run({ runs }) {
    if (!existsSync(CHROMIUM)) {
      console.log(`\n### Booth encryption in Chromium\n\nskipped: ${CHROMIUM} is not installed`);
      return;
    }
    const { chromium } = await import('playwright-core');
    const { requireGroup } = await load<typeof import('../src/core/group.js')>('core/group');
    const setup = await load<typeof import('../src/protocol/setup.js')>('protocol/setup');
    const { generatePrivateCredential } =
      await load<typeof import('../src/core/credential.js')>('core/credential');
    const group = requireGroup('BELENIOS-2048');
    const trustee = setup.generateTrusteeKey(group);
    const credential = generatePrivateCredential().reveal();
    const script = await bundle();
    const count = Math.max(5, 2 * runs + 1);

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    const rows: Record<string, string>[] = [];
    try {
      const page = await browser.newPage();
      await page.setContent('<!doctype html><title>booth bench</title>');
      await page.addScriptTag({ content: script });
      const version = browser.version();
      for (const benchCase of CASES) {
        const made = setup.makeElection(
          { name: 'Bench', description: '', questions: [...benchCase.questions] },
          setup.generateToken(),
          group,
          setup.makeTrustees([trustee.publicKey]),
        );
        if (!made.ok) throw new Error(made.problem);
        const measured = await page.evaluate(
          ([electionJson, text, plaintext, n]) =>
            (
              globalThis as unknown as {
                boothBench: (
                  e: string,
                  c: string,
                  p: number[][],
                  r: number,
                ) => { loadMs: number; times: number[]; tracker: string };
              }
            ).boothBench(electionJson, text, plaintext, n),
          [made.raw, credential, benchCase.plaintext, count] as const,
        );
        rows.push({
          ballot: benchCase.name,
          'ms per ballot (median)': formatNumber(median(measured.times), 0),
          min: formatNumber(Math.min(...measured.times), 0),
          max: formatNumber(Math.max(...measured.times), 0),
          runs: String(measured.times.length),
          'loadElection ms': formatNumber(measured.loadMs, 0),
        });
      }
      printTable(
        `Booth encryption + proofs in headless Chromium ${version} (BELENIOS-2048; target < 300 ms for 10 answers)`,
        rows,
      );
    } finally {
      await browser.close();
    }
  },
};
