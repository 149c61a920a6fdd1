#!/usr/bin/env node
/**
 * The `scrutin` command: `serve` (the election server), `demo` (a local trial election a person can
 * vote in, on a fresh SQLite file unless DATABASE_URL says otherwise) and `migrate` (bring a store's
 * schema up to date).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { Command } from 'commander';
import { migrateStore } from '../store/open-store.js';
import { createDemo } from './scrutin/demo.js';
import { parseTrustProxy, startServer } from './scrutin/serve.js';

const program = new Command('scrutin').description('Scrutin: end-to-end verifiable elections');

program
  .command('serve')
  .description('run the election server (DATABASE_URL: sqlite:PATH or postgres://…; default ./scrutin.db)')
  .option('--port <PORT>', 'port', process.env.PORT ?? '8080')
  .option('--host <HOST>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
  .option(
    '--base-url <URL>',
    'public address used in links (default http://HOST:PORT; BASE_URL)',
    process.env.BASE_URL,
  )
  .action(async (options: { port: string; host: string; baseUrl?: string }) => {
    // TRUST_PROXY: see parseTrustProxy; SMTP_URL unset means no mail (actions that would mail voters are refused).
    const server = await startServer({
      port: Number(options.port),
      host: options.host,
      databaseUrl: process.env.DATABASE_URL,
      baseUrl: options.baseUrl === '' ? undefined : options.baseUrl,
      trustProxy: parseTrustProxy(process.env.TRUST_PROXY),
    });
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

await program.parseAsync(process.argv);
