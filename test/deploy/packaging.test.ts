/**
 * The packaging (Dockerfile, deploy/compose.yaml, deploy/Caddyfile, deploy/env.example) checked
 * without a docker daemon, which this machine lacks: the compose file is parsed and held to what
 * the Dockerfile says (port, volume, healthcheck, networks), no secret is written in it, and the
 * Dockerfile's two stages are replayed here in order — the build stage's COPY lines and its `npm run
 * build` and `npm prune --omit=dev` in a folder of their own (the project's installed node_modules
 * standing for `npm ci`, which needs the registry), then the runtime stage's COPY lines from it —
 * and the result is started with the image's ENV and CMD and asked by the image's own HEALTHCHECK
 * command. Where `caddy` is installed it reads the Caddyfile; where `docker info` works, the image
 * itself is built and run; elsewhere those tests are skipped, saying why.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, run, tempDir } from '../support/tools.js';
import {
  environment,
  execForm,
  healthcheck,
  instructions,
  parseDockerfile,
  type Stage,
} from './dockerfile.js';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const stages = parseDockerfile(read('Dockerfile'));
const build = stages[0]!;
const runtime = stages.at(-1)!;
const packageJson = JSON.parse(read('package.json')) as {
  bin: Record<string, string>;
  scripts: Record<string, string>;
  engines: { node: string };
};

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  expose?: string[];
  networks?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}
interface Compose {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean; ipam?: { config: { subnet: string }[] } } | null>;
  volumes: Record<string, unknown>;
}
const composeText = read('deploy/compose.yaml');
const compose = parse(composeText) as Compose;
const service = (name: string) => {
  const found = compose.services[name];
  if (!found) throw new Error(`deploy/compose.yaml has no service ${name}`);
  return found;
};
const one = (stage: Stage, keyword: string) => {
  const found = instructions(stage, keyword);
  expect(found, `one ${keyword} in the ${stage.name ?? stage.image} stage`).toHaveLength(1);
  return found[0]!.args;
};

const exposedPort = () => Number(one(runtime, 'EXPOSE'));
const volume = () => execFormOrWord(one(runtime, 'VOLUME'));
const execFormOrWord = (args: string) => (args.startsWith('[') ? execForm(args)[0]! : args);
const imageHealthcheck = () => healthcheck(one(runtime, 'HEALTHCHECK'));
const cmd = () => execForm(one(runtime, 'CMD'));

/** `${NAME…}` references of the compose file, and which of them must be set (`${NAME:?…}`). */
function composeVariables(text: string): { all: Set<string>; required: Set<string> } {
  const all = new Set<string>();
  const required = new Set<string>();
  for (const match of text.matchAll(/\$\{([A-Z_][A-Z0-9_]*)(:?[?-])?/g)) {
    all.add(match[1]!);
    if (match[2]?.endsWith('?')) required.add(match[1]!);
  }
  return { all, required };
}

describe('deploy/compose.yaml', () => {
  it('runs Scrutin built from this Dockerfile, PostgreSQL 15 and Caddy 2, each with a healthcheck', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['caddy', 'postgres', 'scrutin']);
    const scrutin = service('scrutin');
    expect(existsSync(join(ROOT, 'deploy', scrutin.build!.context, scrutin.build!.dockerfile))).toBe(true);
    expect(join(ROOT, 'deploy', scrutin.build!.context)).toBe(join(ROOT));
    expect(service('postgres').image).toBe('postgres:15');
    expect(service('caddy').image).toBe('caddy:2');
    for (const name of Object.keys(compose.services))
      expect(service(name).healthcheck?.test[0], `${name} healthcheck`).toBe('CMD');
    expect(service('postgres').healthcheck!.test.slice(1, 2)).toEqual(['pg_isready']);
    // Scrutin starts once its database answers; Caddy once Scrutin does.
    expect(scrutin.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(service('caddy').depends_on).toEqual({ scrutin: { condition: 'service_healthy' } });
  });

  it('asks the same liveness endpoint as the image, on the port and volume the Dockerfile declares', () => {
    const scrutin = service('scrutin');
    expect(scrutin.healthcheck!.test.slice(1)).toEqual(imageHealthcheck().command);
    expect(scrutin.expose).toEqual([String(exposedPort())]);
    const command = scrutin.command!;
    expect(command.slice(0, 2)).toEqual(cmd().slice(0, 2));
    expect(command[command.indexOf('--host') + 1]).toBe('0.0.0.0');
    expect(Number(command[command.indexOf('--port') + 1])).toBe(exposedPort());
    expect(scrutin.volumes).toEqual([`scrutin-data:${volume()}`]);
    expect(read('deploy/Caddyfile')).toMatch(new RegExp(`reverse_proxy scrutin:${exposedPort()}\\b`));
    expect(scrutin.environment!.DATABASE_URL).toMatch(/@postgres:5432\/scrutin$/);
    expect(scrutin.environment!.BASE_URL).toMatch(/^https:\/\/\$\{DOMAIN:\?[^}]+\}$/);
  });

  it('drops every capability of the Scrutin container', () => {
    const scrutin = service('scrutin') as Service & { cap_drop?: string[]; security_opt?: string[] };
    expect(scrutin.cap_drop).toEqual(['ALL']);
    expect(scrutin.security_opt).toEqual(['no-new-privileges:true']);
  });

  it('publishes only Caddy; the database sits on an internal network; TRUST_PROXY names only Caddy’s network', () => {
    expect(service('caddy').ports).toEqual(['80:80', '443:443', '443:443/udp']);
    for (const name of ['scrutin', 'postgres']) expect(service(name).ports, name).toBeUndefined();
    expect(service('postgres').networks).toEqual(['back']);
    expect(compose.networks.back?.internal).toBe(true);
    expect(service('caddy').networks).toEqual(['front']);
    const [front] = compose.networks.front!.ipam!.config;
    expect(service('scrutin').environment!.TRUST_PROXY).toBe(front!.subnet);
    expect(read('deploy/Caddyfile')).toMatch(/^\{\$DOMAIN\} \{$/m);
  });

  it('writes no secret: every password and mail relay address comes from the environment', () => {
    const env = Object.values(compose.services).flatMap((s) => Object.entries(s.environment ?? {}));
    for (const [key, value] of env) {
      if (/PASSWORD|SECRET|TOKEN|KEY/.test(key)) expect(value, key).toMatch(/^\$\{[A-Z_]+:\?[^}]+\}$/);
      // user:password@host: the password part is a variable, never a literal.
      for (const match of value.matchAll(/:\/\/[^:/@\s]+:([^@\s]+)@/g))
        expect(match[1], `${key} password`).toMatch(/^\$\{[A-Z_]+(:\?[^}]+)?\}$/);
    }
    expect(service('scrutin').environment!.SMTP_URL).toMatch(/^\$\{SMTP_URL:\?[^}]+\}$/);
    // No literal that looks like a generated secret (long hex or base64 runs) anywhere in the file.
    expect(composeText).not.toMatch(/[A-Fa-f0-9]{24,}|[A-Za-z0-9+/]{32,}={0,2}/);
  });

  it('deploy/env.example names every variable the compose file needs, with no secret filled in', () => {
    const example = new Map(
      read('deploy/env.example')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
    );
    const { all, required } = composeVariables(composeText);
    expect(required.size).toBeGreaterThan(0);
    for (const name of all) expect(example.has(name), `${name} in env.example`).toBe(true);
    for (const name of ['POSTGRES_PASSWORD', 'SMTP_URL']) expect(example.get(name), name).toBe('');
    // deploy/.env, where the real values go, can never enter git nor the image.
    expect(read('deploy/.gitignore')).toMatch(/^\.env$/m);
    expect(read('.dockerignore')).toMatch(/^\*\*\/\.env$/m);
  });

  const hasCaddy = succeeds('caddy', ['version']);
  it.skipIf(!hasCaddy)(
    'Caddy reads the Caddyfile: the site is DOMAIN, proxied to scrutin with /healthz checks (skipped: no caddy binary)',
    () => {
      const caddy = service('caddy').environment!;
      expect(Object.keys(caddy).sort()).toEqual(['ACME_EMAIL', 'DOMAIN']);
      const adapted = run('caddy', ['adapt', '--config', join(ROOT, 'deploy', 'Caddyfile')], {
        env: { DOMAIN: 'vote.example.org', ACME_EMAIL: 'admin@example.org' },
      });
      expect(adapted.status, adapted.stderr).toBe(0);
      const json = adapted.stdout;
      const config = JSON.parse(json) as {
        apps: { http: { servers: Record<string, { listen: string[] }> } };
      };
      expect(Object.values(config.apps.http.servers).flatMap((s) => s.listen)).toEqual([':443']);
      expect(json).toContain('"host":["vote.example.org"]');
      expect(json).toContain(`"dial":"scrutin:${exposedPort()}"`);
      expect(json).toContain('"uri":"/healthz"');
      expect(json).toContain('"email":"admin@example.org"');
    },
  );

  const hasCompose = succeeds('docker', ['compose', 'version']);
  it.skipIf(!hasCompose)(
    '`docker compose config` accepts the file (skipped: no docker compose plugin here)',
    () => {
      const verdict = run(
        'docker',
        ['compose', '-f', join(ROOT, 'deploy', 'compose.yaml'), 'config', '--quiet'],
        {
          env: {
            DOMAIN: 'vote.example.org',
            ACME_EMAIL: 'admin@example.org',
            POSTGRES_PASSWORD: 'x',
            SMTP_URL: 'smtp://relay:25',
          },
        },
      );
      expect(verdict.stderr).toBe('');
      expect(verdict.status).toBe(0);
    },
  );
});

describe('Dockerfile', () => {
  it('builds on Node 20 with the toolchain better-sqlite3 may need, and runs on node:20-bookworm-slim', () => {
    expect(stages).toHaveLength(2);
    expect(build.image).toMatch(/^node:20-bookworm$/);
    expect(runtime.image).toBe('node:20-bookworm-slim');
    expect(packageJson.engines.node).toMatch(/^>=20\./);
    const runs = instructions(build, 'RUN').map((r) => r.args);
    expect(runs[0]).toMatch(/command -v python3 && command -v make && command -v g\+\+/);
    expect(runs).toContain('npm ci --no-audit --no-fund');
    expect(runs).toContain('npm run build');
    expect(runs).toContain('npm prune --omit=dev --no-audit --no-fund');
    expect(packageJson.scripts.build).toBeDefined();
  });

  it('runs as a user that is not root, `scrutin serve --host 0.0.0.0` in exec form', () => {
    const user = one(runtime, 'USER');
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(user).toBe('node');
    expect(instructions(runtime, 'ENTRYPOINT')).toHaveLength(0);
    expect(cmd()).toEqual(['scrutin', 'serve', '--host', '0.0.0.0']);
    expect(environment(runtime).PORT).toBe(String(exposedPort()));
    // The default SQLite store is on the volume, which the server's user owns.
    expect(environment(runtime).DATABASE_URL).toBe(`sqlite:${volume()}/scrutin.db`);
    expect(one(runtime, 'RUN')).toContain(`chown node:node ${volume()}`);
  });

  it('links the package’s own commands onto PATH, and copies into the build only files that exist', () => {
    const links = [...one(runtime, 'RUN').matchAll(/ln -s \/app\/(\S+) \/usr\/local\/bin\/(\S+)/g)];
    expect(Object.fromEntries(links.map((l) => [l[2], l[1]]))).toEqual(packageJson.bin);
    const ignored = read('.dockerignore').split('\n');
    for (const { args } of instructions(build, 'COPY')) {
      const sources = args.split(/\s+/).slice(0, -1);
      for (const source of sources) {
        expect(existsSync(join(ROOT, source)), source).toBe(true);
        expect(ignored, `${source} is in the build context`).not.toContain(source);
      }
    }
    for (const pattern of ['node_modules', 'dist', '*.db', '**/.env']) expect(ignored).toContain(pattern);
    // Everything the runtime stage copies comes out of the build stage.
    for (const { args } of instructions(runtime, 'COPY')) expect(args).toMatch(/^--from=build /);
  });
});

describe('the two stages, replayed without docker', () => {
  const root = tempDir('image');
  const app = join(root, 'runtime');
  const data = join(root, 'data');
  let server: ChildProcess | undefined;
  let output = '';
  let port = 0;
  let env: NodeJS.ProcessEnv = {};
  const replayed: string[] = [];

  beforeAll(async () => {
    // Each stage's WORKDIR (/app) is a folder of its own; its COPY and RUN lines are replayed in order.
    const dirs = { build: join(root, 'build'), runtime: app };
    for (const [stage, dir] of [
      [build, dirs.build],
      [runtime, dirs.runtime],
    ] as const) {
      mkdirSync(dir, { recursive: true });
      for (const { keyword, args } of stage.instructions) {
        if (keyword === 'COPY') {
          const parts = args.split(/\s+/);
          const from = parts[0]!.startsWith('--from=') ? parts.shift()!.slice('--from='.length) : undefined;
          const target = parts.pop()!;
          for (const source of parts) {
            const path =
              from === undefined ? join(ROOT, source) : join(dirs.build, source.replace(/^\/app\/?/, ''));
            const to = target.endsWith('/') ? join(dir, target, basename(source)) : join(dir, target);
            copyTree(path, to);
          }
          replayed.push(`COPY ${args}`);
        } else if (keyword === 'RUN' && args.startsWith('npm ci')) {
          // npm ci needs the registry and compiles better-sqlite3: the project's installed tree
          // (made by the same `npm ci` from the same lockfile) stands for it.
          copyTree(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
          replayed.push(`RUN ${args} (as the project's node_modules)`);
        } else if (keyword === 'RUN' && args.startsWith('npm ')) {
          const offline = args.startsWith('npm prune') ? ' --offline' : '';
          const ran = run('sh', ['-c', args + offline], { cwd: dir, env: { BASE_URL: '' } });
          expect(ran.status, `RUN ${args}\n${ran.stdout}\n${ran.stderr}`).toBe(0);
          replayed.push(`RUN ${args}`);
        }
        // Other RUN lines check the base image or write outside /app (links onto PATH, /data):
        // imageCommand and the temporary data folder stand for them.
      }
    }
    port = await freePort();
    mkdirSync(join(data, 'data'), { recursive: true });
    // The image's ENV, with the volume moved under a temporary folder and a free port.
    env = {
      PATH: process.env.PATH,
      HOME: data,
      ...environment(runtime),
      PORT: String(port),
      DATABASE_URL: environment(runtime).DATABASE_URL!.replace(volume(), join(data, 'data')),
      // The compose file's value: the server refuses to start on one it cannot read.
      TRUST_PROXY: service('scrutin').environment!.TRUST_PROXY,
    };
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGKILL');
      await new Promise((resolve) => server!.once('exit', resolve));
    }
    // The hard-linked node_modules copies: removing their links leaves the project's own untouched.
    rmSync(root, { recursive: true, force: true });
  });

  /** A command of the image: `scrutin`/`scrutin-tool` are the links to bin/, run by this Node. */
  const imageCommand = (argv: string[]): [string, string[]] => {
    const bin = packageJson.bin[argv[0]!];
    return bin ? [process.execPath, [join(app, bin), ...argv.slice(1)]] : [argv[0]!, argv.slice(1)];
  };

  it('builds from the files the build stage copies, and ships what the runtime stage copies', () => {
    expect(replayed).toEqual([
      'COPY package.json package-lock.json ./',
      "RUN npm ci --no-audit --no-fund (as the project's node_modules)",
      'COPY tsconfig.json tsconfig.build.json ./',
      'COPY bin ./bin',
      'COPY src ./src',
      'RUN npm run build',
      'RUN npm prune --omit=dev --no-audit --no-fund',
      'COPY --from=build /app/package.json /app/package-lock.json ./',
      'COPY --from=build /app/node_modules ./node_modules',
      'COPY --from=build /app/dist ./dist',
      'COPY --from=build /app/bin ./bin',
    ]);
    for (const built of ['dist/scrutin.mjs', 'dist/scrutin-tool.mjs', 'dist/web/booth.html'])
      expect(existsSync(join(app, built)), built).toBe(true);
    expect(existsSync(join(app, 'src'))).toBe(false);
  });

  it('has no development dependency left, and the commands run from it (`scrutin migrate`)', () => {
    expect(existsSync(join(app, 'node_modules', 'better-sqlite3'))).toBe(true);
    for (const dev of ['typescript', 'vitest', 'esbuild', 'tsx', 'yaml'])
      expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
    for (const bin of Object.values(packageJson.bin))
      expect(statSync(join(app, bin)).mode & 0o111).not.toBe(0);
    const [node, args] = imageCommand(['scrutin', 'migrate']);
    const first = run(node, args, { cwd: app, env });
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^Applied: /);
    expect(run(node, args, { cwd: app, env }).stdout).toBe('The store is up to date.\n');
  });

  it('verifies an archive with its own `scrutin-tool` (worker threads from dist/, no tsx) and rejects a tampered one', () => {
    const fixtures = join(ROOT, 'test', 'fixtures', 'belenios-2.0');
    const good = tempDir('image-verify-good');
    const bad = tempDir('image-verify-bad');
    const single = join(fixtures, 'BELENIOS-2048-single');
    for (const file of readdirSync(single).filter((f) => f.endsWith('.bel')))
      cpSync(join(single, file), join(good, file));
    cpSync(join(fixtures, 'invalid-ballot-bad-signature.bel'), join(bad, 'invalid.bel'));
    const verify = (dir: string) => {
      const [node, args] = imageCommand(['scrutin-tool', 'election', 'verify', '--dir', dir]);
      return run(node, args, { cwd: app, env });
    };
    const passed = verify(good);
    expect(passed.stderr + passed.stdout).toContain('all checks passed');
    expect(passed.status).toBe(0);
    const failed = verify(bad);
    expect(failed.stderr).toContain('invalid signature');
    expect(failed.status).toBe(124);
  });

  it('starts as CMD says and its HEALTHCHECK command passes; once stopped, the same command fails', async () => {
    const [node, args] = imageCommand(cmd());
    server = spawn(node, args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-32_000);
    };
    server.stdout!.on('data', keep);
    server.stderr!.on('data', keep);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start in 30 s:\n${output}`)), 30_000);
      server!.stdout!.on('data', () => {
        if (!/Scrutin is running at/.test(output)) return;
        clearTimeout(timer);
        resolve();
      });
      server!.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
    });
    expect(output).toContain(`Scrutin is running at http://127.0.0.1:${port}`);

    const [probe, probeArgs] = imageCommand(imageHealthcheck().command);
    const healthy = run(probe, probeArgs, { env });
    expect(healthy.status, `${healthy.stderr}\n${output}`).toBe(0);
    // The server listens on every interface, as the container needs (Caddy reaches it by name).
    const live = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect([live.status, await live.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect([ready.status, ((await ready.json()) as { status: string }).status]).toEqual([200, 'ready']);

    server.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => server!.once('exit', resolve));
    expect(code).toBe(0);
    expect(run(probe, probeArgs, { env }).status).toBe(1);
  });
});

const dockerWorks = succeeds('docker', ['info']);
describe('the image itself', () => {
  it.skipIf(!dockerWorks)(
    'builds and answers its healthcheck (skipped: `docker info` fails, no docker daemon runs here)',
    async () => {
      const tag = `scrutin-packaging-test:${process.pid}`;
      const built = run('docker', ['build', '-t', tag, ROOT]);
      expect(built.status, built.stderr).toBe(0);
      const started = run('docker', ['run', '-d', '--rm', '-p', '127.0.0.1::8080', tag]);
      expect(started.status, started.stderr).toBe(0);
      const container = started.stdout.trim();
      try {
        const published = run('docker', ['port', container, '8080/tcp']).stdout.trim().split('\n')[0]!;
        let status = 0;
        for (let i = 0; i < 60 && status !== 200; i++) {
          status = await fetch(`http://${published}/healthz`).then(
            (r) => r.status,
            () => 0,
          );
          if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
        }
        expect(status).toBe(200);
        expect(run('docker', ['exec', container, 'id', '-u']).stdout.trim()).not.toBe('0');
      } finally {
        run('docker', ['rm', '-f', container]);
      }
    },
  );
});

/** Whether a command exists and exits 0 (a missing `docker` is an answer, not an error). */
function succeeds(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/**
 * cp -r, with node_modules hard-linked (fast, no space). npm rewrites its hidden lockfile in place,
 * so that one file is unlinked in the copy: otherwise pruning the copy would rewrite the project's.
 */
function copyTree(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  if (basename(from) === 'node_modules' && spawnSync('cp', ['-al', from, to]).status === 0) {
    rmSync(join(to, '.package-lock.json'), { force: true });
    return;
  }
  cpSync(from, to, { recursive: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
