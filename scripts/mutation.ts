/**
 * `npm run mutation [-- STRYKER OPTIONS]`: runs StrykerJS (stryker.config.mjs) with the options given,
 * then prints the mutation score per folder from its JSON report. `npm run mutation:score` prints
 * the score of the last report only. How to read it: docs/testing.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
/** One folder per scope selection (stryker.config.mjs `REPORT_DIR`), each with its `mutation.json`. */
const REPORTS = join(ROOT, 'reports', 'mutation');

/** The statuses of mutation-testing-report-schema that count in the score (the rest are not tested). */
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  statusReason?: string;
  location: { start: { line: number; column: number } };
}
interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
}

interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
  errors: number;
}

function emptyTally(): Tally {
  return { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 };
}

function add(tally: Tally, status: string): void {
  if (status === 'Killed') tally.killed++;
  else if (status === 'Timeout') tally.timeout++;
  else if (status === 'Survived') tally.survived++;
  else if (status === 'NoCoverage') tally.noCoverage++;
  else if (status === 'Ignored') tally.ignored++;
  else tally.errors++; // CompileError, RuntimeError: not a verdict on the tests
}

/** Stryker's "mutation score": detected / (detected + undetected), ignored and errors left out. */
export function score(t: Tally): number | undefined {
  const detected = t.killed + t.timeout;
  const total = detected + t.survived + t.noCoverage;
  return total === 0 ? undefined : (100 * detected) / total;
}

function row(name: string, t: Tally): string {
  const s = score(t);
  const cells = [
    s === undefined ? '   n/a' : `${s.toFixed(1).padStart(5)}%`,
    String(t.killed + t.timeout).padStart(8),
    String(t.survived).padStart(8),
    String(t.noCoverage).padStart(8),
    String(t.ignored).padStart(8),
  ];
  return `${name.padEnd(34)} ${cells.join(' ')}`;
}

export function printScores(report: Report, listSurvivors: boolean): void {
  const perFolder = new Map<string, Tally>();
  const all = emptyTally();
  const survivors: string[] = [];
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    const folder = dirname(file.replaceAll('\\', '/'));
    const tally = perFolder.get(folder) ?? emptyTally();
    perFolder.set(folder, tally);
    const lines = source.split('\n');
    for (const m of mutants) {
      add(tally, m.status);
      add(all, m.status);
      if (UNDETECTED.has(m.status)) {
        const { line, column } = m.location.start;
        const code = (lines[line - 1] ?? '').trim().slice(0, 80);
        survivors.push(
          `${file}:${line}:${column} ${m.status} ${m.mutatorName}` +
            `${m.replacement === undefined ? '' : ` → ${m.replacement.replaceAll('\n', ' ').slice(0, 60)}`}\n    ${code}`,
        );
      }
      if (!DETECTED.has(m.status) && !UNDETECTED.has(m.status) && m.status !== 'Ignored' && listSurvivors) {
        survivors.push(`${file}:${m.location.start.line} ${m.status} ${m.mutatorName} ${m.statusReason ?? ''}`);
      }
    }
  }
  console.log(`\n${'folder'.padEnd(34)}  score detected survived  no cov. ignored`);
  for (const folder of [...perFolder.keys()].sort()) console.log(row(folder, perFolder.get(folder) as Tally));
  console.log(row('all', all));
  if (listSurvivors) {
    console.log(`\n${survivors.length} undetected mutants:`);
    for (const s of survivors) console.log(s);
  } else if (survivors.length > 0) {
    console.log('\n`npm run mutation:score -- --survivors` lists the undetected mutants.');
  }
}

function readReport(dir: string): Report {
  const file = join(ROOT, dir, 'mutation.json');
  if (!existsSync(file)) throw new Error(`no report at ${file}: run \`npm run mutation\` first`);
  return JSON.parse(readFileSync(file, 'utf8')) as Report;
}

/** Every scope's last report, one file's latest result winning when two runs mutated it. */
function readAllReports(): Report {
  const dirs = existsSync(REPORTS) ? readdirSync(REPORTS) : [];
  const files: Report['files'] = {};
  for (const dir of dirs.filter((d) => existsSync(join(REPORTS, d, 'mutation.json')))) {
    Object.assign(files, readReport(join('reports', 'mutation', dir)).files);
  }
  if (Object.keys(files).length === 0) throw new Error('no mutation report: run `npm run mutation` first');
  return { files };
}

/** A `--mutate` given here replaces the config's, so its exclusion of test files is added back. */
function withoutTests(args: string[]): string[] {
  return args.map((arg, i) => (args[i - 1] === '--mutate' || args[i - 1] === '-m' ? `${arg},!**/*.test.ts` : arg));
}

const args = process.argv.slice(2);
if (args[0] === 'score') {
  printScores(readAllReports(), args.includes('--survivors'));
} else {
  const { REPORT_DIR } = (await import(join(ROOT, 'stryker.config.mjs'))) as { REPORT_DIR: string };
  const stryker = join(ROOT, 'node_modules', '.bin', 'stryker');
  const run = spawnSync(stryker, ['run', ...withoutTests(args)], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  printScores(readReport(REPORT_DIR), false);
}
