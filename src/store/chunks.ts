/** Batching of multi-row INSERTs, shared by the store's per-table modules. */

/** Rows per multi-row INSERT: keeps parameters under SQLite's 32766 and PostgreSQL's 65535. */
const INSERT_CHUNK = 500;

export function chunks<T>(items: readonly T[], size = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
