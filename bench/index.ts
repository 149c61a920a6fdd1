/**
 * Runs the benchmarks and prints one table each: `npm run bench [-- NAME… | --quick]`.
 * Add a benchmark by writing bench/NAME.ts exporting a `Bench` and listing it below.
 */

import { backupBench } from './backup.js';
import { boothBench } from './booth.js';
import { browserVerifyBench } from './browser-verify.js';
import { castBench } from './cast.js';
import { consolidateBench } from './consolidate.js';
import { deliveryBench } from './delivery.js';
import { electionBench } from './election.js';
import { type Bench, type BenchOptions, describeMachine } from './harness.js';
import { modexpBench } from './modexp.js';
import { shuffleBench } from './shuffle.js';
import { verifyArchiveBench } from './verify-archive.js';

const BENCHES: readonly Bench[] = [
  modexpBench,
  verifyArchiveBench,
  electionBench,
  castBench,
  deliveryBench,
  consolidateBench,
  boothBench,
  backupBench,
  browserVerifyBench,
  shuffleBench,
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((arg) => !arg.startsWith('--'));
const unknown = names.filter((name) => !BENCHES.some((bench) => bench.name === name));
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const options: BenchOptions = quick ? { seconds: 0.3, runs: 1 } : { seconds: 1, runs: 3 };

console.log(
  `# Benchmarks\n\n${describeMachine()}\nEach figure: median of ${options.runs} run(s) of ${options.seconds} s.`,
);
for (const bench of BENCHES.filter((b) => names.length === 0 || names.includes(b.name))) {
  console.error(`${bench.name}: ${bench.description}`);
  await bench.run(options);
}
