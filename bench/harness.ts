/**
 * What every benchmark shares: loading the compiled code (dist/, built by `npm run bench`, so the
 * figures are those of what ships; `BENCH_FROM=src` measures the sources instead), timing loops,
 * and printing a table.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

export interface BenchOptions {
  /** Seconds per timed run (each figure is the median of several runs). */
  readonly seconds: number;
  /** Runs per figure. */
  readonly runs: number;
}

export interface Bench {
  readonly name: string;
  readonly description: string;
  run(options: BenchOptions): Promise<void>;
}

const ROOT = new URL('../', import.meta.url);
const fromSource = process.env.BENCH_FROM === 'src';

/**
 * Imports `src/<path>.ts`'s compiled twin `dist/<path>.js`, typed as the source module. All modules
 * of one run must come from the same tree: the core keeps state (the installed engine, group tables).
 */
export async function load<T>(path: string): Promise<T> {
  const url = new URL(fromSource ? `src/${path}.ts` : `dist/${path}.js`, ROOT);
  if (!existsSync(fileURLToPath(url)))
    throw new Error(`${fileURLToPath(url)} is missing: run npm run build first`);
  return (await import(url.href)) as T;
}

export const codeUnderTest = () => (fromSource ? 'src/ (tsx)' : 'dist/');

export const now = () => performance.now();

/** Calls `op` in rounds of 8 until `seconds` have passed; returns operations per second. */
export function opsPerSecond(op: () => unknown, seconds: number): number {
  const started = now();
  let count = 0;
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    for (let i = 0; i < 8; i++) op();
    count += 8;
    elapsed = now() - started;
  }
  return (count * 1000) / elapsed;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function medianOf(runs: number, measure: () => number | Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await measure());
  return median(values);
}

export function formatNumber(value: number | undefined, digits = 0): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A plain-text table; numeric-looking cells are right-aligned. Also valid Markdown. */
export function printTable(title: string, rows: readonly Record<string, string>[]): void {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((row) => (row[c] ?? '').length)));
  const numeric = columns.map((c) => rows.every((row) => /^[-–\d.,×% ]*$/.test(row[c] ?? '')));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' | ')} |`;
  console.log(`\n### ${title}\n`);
  console.log(line(columns));
  console.log(
    `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
  );
  for (const row of rows) console.log(line(columns.map((c) => row[c] ?? '')));
}

export function describeMachine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `${cpu}, ${cpus().length} logical cores, Node ${process.versions.node}, OpenSSL ${process.versions.openssl}; load average ${load}; code from ${codeUnderTest()}`;
}
