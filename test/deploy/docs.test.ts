/**
 * The deployment documentation kept true to the code: every environment variable the server and
 * commands read (found in src/, not written down by hand here) is in the settings table of
 * docs/deploy.md, every `scrutin` command the document tells an operator to type exists, and the
 * README keeps its two set-up commands on top and links the document from its "Run it for real"
 * section.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, run } from '../support/tools.js';
import { hasBuiltServer, SCRUTIN_CLI } from '../world/server-process.js';

const deployDoc = readFileSync(join(ROOT, 'docs', 'deploy.md'), 'utf8');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$|test-support\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Names read from the environment by the shipped code: `env.NAME`, `env['NAME']`, `numberFrom(env, 'NAME'`. */
function variablesRead(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /\benv\.([A-Z][A-Z0-9_]*)\b/g,
    /\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]/g,
    /\(env, '([A-Z][A-Z0-9_]*)'/g,
  ];
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns)
      for (const match of text.matchAll(pattern)) found.set(match[1]!, relative(ROOT, file));
  }
  return found;
}

/** The first column of every table row of the "Every setting" section. */
function documentedSettings(): Set<string> {
  const section = deployDoc.slice(deployDoc.indexOf('## Every setting'));
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    const first = /^\| ([^|]+) \|/.exec(line)?.[1];
    if (first) for (const name of first.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(name[1]!);
  }
  return names;
}

describe('docs/deploy.md', () => {
  it('has every environment variable the code reads in its settings table', () => {
    const read = variablesRead();
    // Sanity: the scan does find the settings, so an empty result cannot pass.
    for (const known of ['DATABASE_URL', 'SMTP_URL', 'TRUST_PROXY', 'BASE_URL', 'DELIVERY_RATE'])
      expect(read.has(known), known).toBe(true);
    const documented = documentedSettings();
    const missing = [...read].filter(([name]) => !documented.has(name)).map(([n, f]) => `${n} (${f})`);
    expect(missing).toEqual([]);
  });

  it('has every variable of the compose file and of deploy/env.example in its tables', () => {
    const documented = documentedSettings();
    const compose = readFileSync(join(ROOT, 'deploy', 'compose.yaml'), 'utf8');
    const example = readFileSync(join(ROOT, 'deploy', 'env.example'), 'utf8');
    const names = new Set([
      ...[...compose.matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]!),
      ...[...example.matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]!),
      ...Object.keys(
        (parse(compose) as { services: { scrutin: { environment: object } } }).services.scrutin.environment,
      ),
    ]);
    expect([...names].filter((name) => !documented.has(name))).toEqual([]);
  });

  it.skipIf(!hasBuiltServer)('tells the operator only `scrutin` commands that exist', () => {
    // `dc exec scrutin scrutin X …` (the service, then the command) and inline `scrutin X …`.
    const commands = new Set<string>();
    for (const match of deployDoc.matchAll(/(?:scrutin scrutin|`scrutin) ([a-z]+)(?: ([a-z]+))?/g))
      commands.add(['operator', 'org'].includes(match[1]!) ? `${match[1]} ${match[2]}` : match[1]!);
    expect(commands).toContain('operator create');
    for (const command of commands) {
      const help = run(process.execPath, [SCRUTIN_CLI, ...command.split(' '), '--help']);
      expect(help.status, `scrutin ${command} --help: ${help.stderr}`).toBe(0);
      expect(help.stdout).toMatch(/^Usage: scrutin /);
    }
    // Options the document uses, as the commands define them.
    const help = (args: string[]) => run(process.execPath, [SCRUTIN_CLI, ...args, '--help']).stdout;
    expect(help(['operator', 'create'])).toContain('--email');
    expect(help(['org', 'create'])).toMatch(/--name[\s\S]*--admin-email/);
    expect(help(['backup'])).toContain('--out');
    expect(help(['restore'])).toContain('--from');
  });
});

describe('README.md', () => {
  it('keeps exactly its two set-up commands on top', () => {
    const firstBlock = /^# Scrutin\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(firstBlock?.split('\n').filter(Boolean)).toEqual([
      'npm ci && npm start   # local server (embedded SQLite) with a demo election: open a printed link and vote',
      'npm test              # the whole suite: type check, lint, build, unit, server, browser, interop with belenios-tool',
    ]);
  });

  it('says what npm test runs, and npm test runs the linter (the suite fails on a lint error)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.test?.split(' && ')).toEqual([
      'npm run typecheck',
      'npm run lint',
      'npm run build:unchecked',
      'vitest run',
    ]);
    // The same build as `npm run build`, without type-checking again the files typecheck just checked.
    expect(pkg.scripts['build:unchecked']).toBe(
      pkg.scripts.build?.replace('tsconfig.build.json', 'tsconfig.build.json --noCheck'),
    );
    expect(pkg.scripts.lint).toMatch(/^biome check src test bench$/);
  });

  it('has a third section, “Run it for real”, linking docs/deploy.md', () => {
    const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections[2]).toBe('Run it for real');
    const body = readme.slice(readme.indexOf('## Run it for real'));
    expect(body.slice(0, body.indexOf('\n## ', 5))).toContain('](docs/deploy.md)');
  });
});
