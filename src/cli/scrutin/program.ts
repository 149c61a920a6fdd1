/**
 * The `scrutin` command: `serve` (the election server), `demo` (a local trial election a person can
 * vote in, on a fresh SQLite file unless DATABASE_URL says otherwise), `migrate` (bring a store's
 * schema up to date), and the operator's day-one tools: `operator create`, `org create`, `doctor`,
 * `backup` and `restore` (src/cli/scrutin/accounts.ts, doctor.ts, backup.ts).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { Command } from 'commander';
import { useBallotWorkerEntry } from '../../node/ballot-worker-pool.js';
import { migrateStore } from '../../store/open-store.js';
import { operatorCreate, organisationCreate } from './accounts.js';
import { backupCommand, restoreCommand } from './backup.js';
import { createDemo } from './demo.js';
import { doctor } from './doctor.js';
import { CliRefusal } from './messages.js';
import {
  baseUrlFromEnvironment,
  mailModeFromEnvironment,
  parseBaseUrl,
  parseTrustProxy,
  startServer,
} from './serve.js';

const program = new Command('scrutin').description('Scrutin: end-to-end verifiable elections');

program
  .command('serve')
  .description('run the election server (DATABASE_URL: sqlite:PATH or postgres://…; default ./scrutin.db)')
  .option('--port <PORT>', 'port', process.env.PORT ?? '8080')
  .option('--host <HOST>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
  .option(
    '--base-url <URL>',
    'public address used in links, e.g. https://vote.example.org (default http://HOST:PORT; BASE_URL)',
    baseUrlFromEnvironment(process.env.BASE_URL),
  )
  .action(async (options: { port: string; host: string; baseUrl?: string }) => {
    // TRUST_PROXY: see parseTrustProxy; SMTP_URL unset means no mail (actions that would mail voters are refused).
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      server = await startServer({
        port: Number(options.port),
        host: options.host,
        databaseUrl: process.env.DATABASE_URL,
        baseUrl: parseBaseUrl(options.baseUrl),
        trustProxy: parseTrustProxy(process.env.TRUST_PROXY),
        mail: mailModeFromEnvironment(process.env),
      });
    } catch (error) {
      // A setting to fix (TRUST_PROXY, the base URL, the store, the port): one line, no stack.
      process.stderr.write(`scrutin serve: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
    process.stdout.write(`Scrutin is running at ${server.url}\n`);
    // Graceful: answer what is in flight, close the store, then exit 0 (1 if closing failed).
    const stop = (signal: string) => {
      process.stdout.write(`${signal}: finishing requests in flight, then stopping\n`);
      server.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(
            `stopping failed: ${error instanceof Error ? error.message : String(error)}\n`,
          );
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });

program
  .command('demo')
  .description('start a local server with a demo election and print how to vote in it')
  .option('--port <PORT>', 'port', process.env.PORT ?? '8080')
  .option('--host <HOST>', 'address to listen on', '127.0.0.1')
  .option('--voters <N>', 'number of demo voters', '4')
  .action(async (options: { port: string; host: string; voters: string }) => {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      databaseUrl = 'sqlite:.cache/demo.db';
      mkdirSync('.cache', { recursive: true });
      for (const suffix of ['', '-wal', '-shm']) rmSync(`.cache/demo.db${suffix}`, { force: true });
    }
    const server = await startServer({
      port: Number(options.port),
      host: options.host,
      databaseUrl,
      log: false,
      // Nothing is mailed in the demo: each message is noted and marked failed, never "sent".
      mail: 'terminal-demo',
    });
    const demo = await createDemo(server.store, server.elections, server.url, Number(options.voters));
    const out = process.stdout;
    out.write(`\nScrutin demo is running at ${server.url}\n\n`);
    out.write(`Election ${demo.electionId} is open.\n`);
    out.write(`  Public page (trackers, archive, result): ${server.url}/elections/${demo.electionId}\n`);
    out.write(
      `  Admin pages (close, tally, publish):     ${server.url}/admin/elections/${demo.electionId}\n`,
    );
    out.write(
      `  Archive (verify it with scrutin-tool or belenios-tool): ${server.url}/api/v1/elections/${demo.electionId}/archive.bel\n\n`,
    );
    out.write('Voters (demo only: a real election sends each voter their own secrets, by two channels):\n\n');
    for (const voter of demo.voters) {
      out.write(
        `  ${voter.login}  password ${voter.password}  credential ${voter.credential}\n    vote at ${voter.link}\n`,
      );
    }
    out.write(`\nElection admin: ${demo.admin.email} / ${demo.admin.password}\n`);
    out.write('Press Ctrl+C to stop.\n');
    const stop = () => void server.stop().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('create or update the store schema (DATABASE_URL)')
  .action(async () => {
    const applied = await migrateStore(process.env.DATABASE_URL);
    process.stdout.write(
      applied.length === 0 ? 'The store is up to date.\n' : `Applied: ${applied.join(', ')}\n`,
    );
  });

/**
 * Runs a command: a refusal prints its message (FR/EN) and sets its exit code (1: nothing changed).
 * Anything else (a store that does not answer, a full disk) prints its message, with any password
 * of DATABASE_URL masked, and exits 2; DEBUG=1 prints the stack too.
 */
async function refusing(task: () => Promise<unknown>): Promise<void> {
  try {
    const code = await task();
    if (typeof code === 'number') process.exitCode = code;
  } catch (error) {
    if (error instanceof CliRefusal) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const text =
      error instanceof Error
        ? process.env.DEBUG
          ? (error.stack ?? error.message)
          : error.message
        : String(error);
    process.stderr.write(`scrutin: ${maskStorePassword(text)}\n`);
    process.exitCode = 2;
  }
}

function maskStorePassword(text: string): string {
  const url = process.env.DATABASE_URL;
  if (url === undefined || !URL.canParse(url)) return text;
  const password = decodeURIComponent(new URL(url).password);
  return password === '' ? text : text.replaceAll(password, '***');
}

const STORE_HELP = `
The store is DATABASE_URL, as for \`scrutin serve\` (sqlite:PATH, a path, or postgres://…; default ./scrutin.db).
Exit codes: 0 done, 1 refused (the message says why; nothing was changed), 2 failed (e.g. the store
did not answer; the message says why), 130 interrupted.`;

const operator = program.command('operator').description('platform operator accounts');
operator
  .command('create')
  .description(
    'create an operator account (it creates organisations; it sees no election content). The password is typed twice without echo on a terminal, or read as the first line of standard input (e.g. printf %s "$PW" | scrutin operator create --email …); never from the command line. Prints one confirmation line. The store is migrated first if needed, as `scrutin serve` does.',
  )
  .requiredOption('--email <EMAIL>', 'sign-in email address of the operator')
  .option('--name <NAME>', 'display name', 'Operator')
  .addHelpText(
    'after',
    `${STORE_HELP}\nRefused: an email already used by an account, a password shorter than 10 or longer than 1024 characters, two differing entries.`,
  )
  .action((options: { email: string; name: string }) =>
    refusing(() => operatorCreate(options, process.env.DATABASE_URL)),
  );

const organisation = program.command('org').description('organisations (tenants)');
organisation
  .command('create')
  .description(
    'create an organisation and its first administrator, who is invited to choose their own password: with SMTP_URL the invitation (a link usable once, for 72 hours) is mailed to them; without, the link is printed once on standard output (never logged; the store keeps only its hash) for you to give them. The store is migrated first if needed.',
  )
  .requiredOption('--name <NAME>', 'name of the organisation')
  .requiredOption('--admin-email <EMAIL>', 'sign-in email address of the first administrator')
  .option(
    '--admin-name <NAME>',
    'display name of the first administrator (default: the part of the email before @)',
  )
  .option(
    '--base-url <URL>',
    'public address of the server, for the link (default BASE_URL, else http://localhost:PORT)',
    baseUrlFromEnvironment(process.env.BASE_URL) ?? `http://localhost:${process.env.PORT ?? '8080'}`,
  )
  .addHelpText('after', `${STORE_HELP}\nRefused: an email already used by an account.`)
  .action((options: { name: string; adminEmail: string; adminName?: string; baseUrl: string }) =>
    refusing(() => organisationCreate(options, process.env.DATABASE_URL)),
  );

program
  .command('doctor')
  .description(
    'check that this installation can hold a real election: one line per check (ok / FAIL / warn) and a verdict. Required: the store answers (DATABASE_URL; a missing SQLite file is not created), its migrations are current, SMTP_URL is set and its server answers (nodemailer verify). Informative: BASE_URL (or --base-url) is https; belenios-tool is not needed. Changes nothing; prints no secret (the SMTP password is shown as ***).',
  )
  .option(
    '--base-url <URL>',
    'public address the server will use (default BASE_URL)',
    baseUrlFromEnvironment(process.env.BASE_URL),
  )
  .addHelpText('after', '\nExit codes: 0 when every required check passes, 1 otherwise.')
  .action((options: { baseUrl?: string }) => refusing(() => doctor(process.env, options.baseUrl)));

program
  .command('backup')
  .description(
    'write a consistent backup of the whole store (DATABASE_URL) to a new file, while the server runs: SQLite through its online backup API, PostgreSQL in one REPEATABLE READ snapshot. The file (JSON Lines, mode 0600, with a SHA-256 end line) restores into SQLite or PostgreSQL. It holds password hashes (never passwords), server-held trustee keys and voter messages not yet sent: keep it like the database. Prints one summary line.',
  )
  .requiredOption('--out <FILE>', 'file to create (an existing file is never overwritten)')
  .addHelpText('after', STORE_HELP)
  .action((options: { out: string }) => refusing(() => backupCommand(options.out, process.env.DATABASE_URL)));

program
  .command('restore')
  .description(
    'restore a backup into a new, empty store (DATABASE_URL: a new SQLite file, or an empty PostgreSQL database or schema). A store holding any row is refused, with no --force: to replace a store, move its file aside (or create a new schema) and restore into the new one, so nothing is ever overwritten. All rows go in within one transaction committed only if the checksum matches; the store is then migrated to this version. Stop any server using the target store first, and start it once the restore is done.',
  )
  .requiredOption('--from <FILE>', 'backup file written by `scrutin backup`')
  .addHelpText('after', STORE_HELP)
  .action((options: { from: string }) =>
    refusing(() => restoreCommand(options.from, process.env.DATABASE_URL)),
  );

/** `self` is the file worker threads start on (the bundle names itself); `mark` is their workerData. */
export async function runScrutin(argv: string[], self: URL, mark: string): Promise<void> {
  useBallotWorkerEntry(self, mark);
  await program.parseAsync(argv);
}
