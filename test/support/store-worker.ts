/**
 * A separate OS process for src/store/store.test.ts, run with `node --import tsx store-worker.ts MODE …`, so
 * that concurrency and durability are tested across processes, not only across connections:
 *
 * - `append URL ELECTION ORGANISATION TAG COUNT`: opens the store, prints `ready` and waits for a line
 *   on stdin (so that racing workers start together, whatever their start-up times), then appends
 *   COUNT events, each after reading the head and retrying on a height conflict as a server would,
 *   plus one audit entry each; prints a JSON summary on stdout.
 * - `durable URL ELECTION COUNT`: appends COUNT events, printing `acked HEIGHT` as each append
 *   resolves, then idles until killed (the test kills it with SIGKILL, usually mid-way).
 */
import { once } from 'node:events';
import { openStore } from '../../src/store/open-store.js';
import type { AuditEntryInput, AuditEntryRecord, Store } from '../../src/store/store.js';
import { boardEvent, dataFile } from './store-fixtures.js';

async function appendWithRetry(
  store: Store,
  electionId: string,
  tag: string,
  index: number,
): Promise<number> {
  for (let conflicts = 0; ; conflicts++) {
    const head = await store.board.head(electionId);
    const height = head === undefined ? 0 : head.height + 1;
    const payload = dataFile(`${tag}-${index}`);
    const outcome = await store.board.append(
      electionId,
      [payload],
      boardEvent(height, `${tag}-${index}`, payload.hash),
    );
    if (outcome.ok) return conflicts;
    if (outcome.conflict !== 'height') throw new Error(`unexpected conflict ${outcome.conflict}`);
  }
}

async function main(argv: string[]): Promise<void> {
  const [mode, url, electionId, ...rest] = argv;
  if (url === undefined || electionId === undefined) throw new Error('usage: MODE URL ELECTION …');
  const store = await openStore(url);
  if (mode === 'append') {
    const [organisationId, tag, count] = rest;
    if (organisationId === undefined || tag === undefined || count === undefined)
      throw new Error('append: missing arguments');
    process.stdout.write('ready\n');
    await once(process.stdin, 'data');
    process.stdin.pause();
    let conflicts = 0;
    for (let index = 0; index < Number(count); index++) {
      conflicts += await appendWithRetry(store, electionId, tag, index);
      // The store takes any stored action; the catalogue (src/errors/audit-actions.ts) is the domain's.
      await store.audit.append({
        organisationId,
        electionId,
        actor: tag,
        action: 'append',
        details: { index },
      } as AuditEntryRecord as AuditEntryInput);
    }
    await store.close();
    process.stdout.write(`${JSON.stringify({ tag, conflicts })}\n`);
  } else if (mode === 'durable') {
    const count = Number(rest[0]);
    for (let index = 0; index < count; index++) {
      await appendWithRetry(store, electionId, 'durable', index);
      process.stdout.write(`acked ${index}\n`);
    }
    setInterval(() => undefined, 60_000);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
