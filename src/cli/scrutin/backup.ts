/**
 * `scrutin backup` and `scrutin restore`: the command-line face of src/store/backup.ts (how the
 * snapshot stays consistent while the server runs, and why restore only fills an empty store, are
 * explained there). Refusals print why and exit 1; nothing is overwritten.
 */
import { restoreBackup, writeBackup } from '../../store/backup.js';
import { parseStoreUrl } from '../../store/open-store.js';
import { CliRefusal, cliMessages } from './messages.js';

function describeStore(databaseUrl: string | undefined): string {
  const target = parseStoreUrl(databaseUrl);
  return target.dialect === 'sqlite' ? target.path : 'DATABASE_URL';
}

export async function backupCommand(out: string, databaseUrl: string | undefined): Promise<void> {
  const messages = cliMessages();
  const outcome = await writeBackup(databaseUrl, out);
  if (!outcome.ok) {
    if (outcome.kind === 'out-exists') throw new CliRefusal(messages.backupExists(out));
    if (outcome.kind === 'no-folder') throw new CliRefusal(messages.noFolder(out));
    if (outcome.kind === 'no-store') throw new CliRefusal(messages.noStore(describeStore(databaseUrl)));
    throw new CliRefusal(messages.notAStore);
  }
  const rows = Object.values(outcome.summary.tables).reduce((a, b) => a + b, 0);
  process.stdout.write(`${messages.backupWritten(out, rows, outcome.summary.bytes)}\n`);
}

export async function restoreCommand(from: string, databaseUrl: string | undefined): Promise<void> {
  const messages = cliMessages();
  const outcome = await restoreBackup(databaseUrl, from);
  if (!outcome.ok) {
    switch (outcome.kind) {
      case 'no-file':
        throw new CliRefusal(messages.noBackup(from));
      case 'not-empty':
        throw new CliRefusal(messages.restoreNotEmpty(outcome.tables.join(', ')));
      case 'target-newer':
        throw new CliRefusal(messages.restoreTargetNewer);
      case 'unknown-migrations':
        throw new CliRefusal(messages.restoreUnknown(outcome.migrations.join(', ')));
      case 'damaged':
        throw new CliRefusal(messages.restoreDamaged(outcome.problem));
    }
  }
  const rows = Object.values(outcome.summary.tables).reduce((a, b) => a + b, 0);
  process.stdout.write(`${messages.restored(rows, outcome.migratedAfter.join(', '))}\n`);
}
