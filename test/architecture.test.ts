/**
 * The layout keeps its one-way layers: every relative import of every non-test file of src/ follows
 * the layer order below, no file imports itself back through others, nothing shipped imports test
 * code, and the build compiles src/ without its tests.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGES } from '../src/web/pages.js';
import {
  type Cycle,
  findCycles,
  type ImportGraph,
  importGraph,
  importSpecifiers,
  type LayerOrder,
  layerOf,
  layerViolations,
  readSourceFiles,
  testImports,
} from './support/import-graph.js';
import { ROOT } from './support/tools.js';

/**
 * THE LAYER ORDER — written once here, and in the "may import" column of the README's folder table,
 * which the last test holds to this. Arrows point one way (← reads "is imported by"):
 *
 *   core ← errors, i18n ← protocol ← store ← accounts ← delivery ← election ← recovery, congress
 *        ← app ← server ← cli
 *   core, errors, protocol ← contract ← store, web, server
 *   core, errors, i18n, protocol, contract ← web         node ← app, server, cli
 *
 * Each layer (a top-level folder of src/) with what it may import besides itself. `errors` is the
 * domain's error catalogue (codes and FR/EN messages; HTTP statuses are the server's business);
 * `i18n` serves every layer above core; `contract` holds the wire schemas shared by the server's
 * routes and the pages; `node` holds Node-only speed-ups, for the composition root, the server and
 * the commands only, so the domain stays runnable without them. The domain folders form a chain:
 * a lower one never imports a higher one, and recovery and congress, side by side, not each other.
 * When a lower layer needs something of a higher one, it declares the need as an interface and the
 * higher one fulfils it (accounts' `AccountMail`, delivered by delivery; election's `RollRecovery`,
 * by recovery). `app` is the composition root, building every service once. The server reads one
 * file of the web layer: the list of pages it serves (data, no DOM).
 */
const BASE = ['core', 'errors', 'i18n', 'protocol'];
const DOMAIN = ['store', 'accounts', 'delivery', 'election', 'recovery', 'congress'];
/** Each domain folder with the domain folders under it. */
const below = (layer: string) => DOMAIN.slice(0, DOMAIN.indexOf(layer));
const LAYER_ORDER: LayerOrder = {
  core: [],
  errors: ['core'],
  i18n: ['core'],
  protocol: ['core', 'errors', 'i18n'],
  contract: ['core', 'errors', 'protocol'],
  node: BASE,
  store: [...BASE, 'contract'],
  accounts: [...BASE, ...below('accounts')],
  delivery: [...BASE, ...below('delivery')],
  election: [...BASE, ...below('election')],
  recovery: [...BASE, ...below('recovery')],
  congress: [...BASE, ...below('recovery')],
  app: [...BASE, 'node', ...DOMAIN],
  server: [...BASE, 'contract', 'node', ...DOMAIN, 'app', 'web/pages.ts'],
  cli: [...BASE, 'contract', 'node', ...DOMAIN, 'app', 'server'],
  web: ['core', 'errors', 'i18n', 'protocol', 'contract'],
};

/**
 * The web's role folders: each is one kind of page (the pages of src/web/pages.ts, each its folder),
 * and shares code through the kit, never another role.
 */
const WEB_ROLES: readonly string[] = PAGES.map((page) => page.name);

/** A folder of src/ that other folders reach through its index.ts only. */
const FACADES = ['delivery'];

/** The graph between top-level folders of src/: `src/a` → `src/b` when a file of a imports one of b. */
function folderGraph(files: ImportGraph): ImportGraph {
  const folders = new Map<string, Set<string>>();
  for (const [file, targets] of files) {
    const from = layerOf(file);
    if (from === undefined) continue;
    const edges = folders.get(`src/${from}`) ?? new Set<string>();
    folders.set(`src/${from}`, edges);
    for (const target of targets) {
      const to = layerOf(target);
      if (to !== undefined && to !== from) edges.add(`src/${to}`);
    }
  }
  return new Map([...folders].map(([folder, edges]) => [folder, [...edges].sort()]));
}

/** One line per import from one web role folder into another. */
function crossRoleImports(files: ImportGraph): string[] {
  const roleOf = (file: string) => {
    const [src, web, role] = file.split('/');
    return src === 'src' && web === 'web' && WEB_ROLES.includes(role ?? '') ? role : undefined;
  };
  const found: string[] = [];
  for (const [file, targets] of files) {
    const from = roleOf(file);
    if (from === undefined) continue;
    for (const target of targets) {
      const to = roleOf(target);
      if (to !== undefined && to !== from)
        found.push(`${file} → ${target} (web/${from} may not import web/${to})`);
    }
  }
  return found.sort();
}

/** One line per import into a facade folder's files other than its index.ts, from another folder. */
function facadeBypasses(files: ImportGraph): string[] {
  const found: string[] = [];
  for (const [file, targets] of files)
    for (const target of targets) {
      const to = layerOf(target);
      if (to !== undefined && FACADES.includes(to) && layerOf(file) !== to && target !== `src/${to}/index.ts`)
        found.push(`${file} → ${target} (use src/${to}/index.ts)`);
    }
  return found.sort();
}

/** Test frameworks: a file of src/ importing one is a test helper in the production tree. */
const TEST_PACKAGES = ['vitest', 'fast-check', 'playwright-core', 'axe-core', 'smtp-server', 'mailparser'];

const sources = readSourceFiles(ROOT);
const graph = importGraph(sources);
const showCycle = ({ files, cycle }: Cycle) =>
  files.length === cycle.length - 1
    ? cycle.join(' → ')
    : `${cycle.join(' → ')}, one of the cycles between ${files.length} files: ${files.join(', ')}`;

describe('the import checker', () => {
  // A small tree with one import of each kind, one against the order and one cycle of three files.
  const synthetic = importGraph(
    new Map([
      [
        'src/core/a.ts',
        "/** import { x } from '../election/x.js' */\nexport const a = 1;\nconst s = \"import('../server/s.js')\";",
      ],
      ['src/protocol/p.ts', "import { a } from '../core/a.js';\nexport type { T } from './t.js';"],
      ['src/protocol/t.ts', "import type { Q } from '../election/q.js';\nexport type T = Q;"],
      ['src/election/q.ts', "import '../protocol/p.js';\nexport type Q = number;"],
      ['src/election/r.ts', "const s = await import('../server/s.js');"],
      ['src/server/s.ts', "import { a } from '../core/a.js';\nimport { h } from '../../test/support/h.js';"],
      ['src/web/w.ts', "import {\n  a,\n} from '../core/a.js';\nimport { q } from '../election/q.js';"],
      ['src/mystery/m.ts', "import { a } from '../core/a.js';"],
    ]),
  );

  it('reads static, type-only, side-effect, re-export and dynamic imports, not those in comments or strings', () => {
    expect(Object.fromEntries(synthetic)).toEqual({
      'src/core/a.ts': [],
      'src/protocol/p.ts': ['src/core/a.ts', 'src/protocol/t.ts'],
      'src/protocol/t.ts': ['src/election/q.ts'],
      'src/election/q.ts': ['src/protocol/p.ts'],
      'src/election/r.ts': ['src/server/s.ts'],
      'src/server/s.ts': ['src/core/a.ts', 'test/support/h.ts'],
      'src/web/w.ts': ['src/core/a.ts', 'src/election/q.ts'],
      'src/mystery/m.ts': ['src/core/a.ts'],
    });
    expect(importSpecifiers("import x from 'fastify';\nexport * from './y.js';")).toEqual([
      'fastify',
      './y.js',
    ]);
  });

  it('names every import against the order, and every folder the order does not place', () => {
    expect(layerViolations(synthetic, LAYER_ORDER)).toEqual([
      'src/election/r.ts → src/server/s.ts (election may not import server)',
      'src/mystery/ has no place in the layer order',
      'src/protocol/t.ts → src/election/q.ts (protocol may not import election)',
      'src/web/w.ts → src/election/q.ts (web may not import election)',
    ]);
    // A single file of a layer can be allowed without the rest of it.
    const pages: ImportGraph = new Map([
      ['src/server/static.ts', ['src/web/pages.ts', 'src/web/booth/main.ts']],
    ]);
    expect(layerViolations(pages, LAYER_ORDER)).toEqual([
      'src/server/static.ts → src/web/booth/main.ts (server may not import web)',
    ]);
  });

  it('finds each cycle and prints it from its first file round', () => {
    expect(findCycles(synthetic).map(showCycle)).toEqual([
      'src/election/q.ts → src/protocol/p.ts → src/protocol/t.ts → src/election/q.ts',
    ]);
    const selfAndPair: ImportGraph = new Map([
      ['src/a.ts', ['src/a.ts']],
      ['src/b.ts', ['src/c.ts']],
      ['src/c.ts', ['src/b.ts', 'src/d.ts']],
      ['src/d.ts', []],
    ]);
    expect(findCycles(selfAndPair).map(showCycle)).toEqual([
      'src/a.ts → src/a.ts',
      'src/b.ts → src/c.ts → src/b.ts',
    ]);
  });

  it('names every import of test code', () => {
    expect(testImports(synthetic)).toEqual(['src/server/s.ts → test/support/h.ts']);
  });

  it('finds a cycle between folders even when no file cycle closes it', () => {
    // store → recovery through one file, recovery → election → store through others: no file
    // imports itself back, but the three folders form a ring.
    const ring: ImportGraph = new Map([
      ['src/store/a.ts', ['src/recovery/schema.ts']],
      ['src/recovery/schema.ts', []],
      ['src/recovery/service.ts', ['src/election/e.ts']],
      ['src/election/e.ts', ['src/store/b.ts']],
      ['src/store/b.ts', []],
    ]);
    expect(findCycles(ring)).toEqual([]);
    expect(findCycles(folderGraph(ring)).map(showCycle)).toEqual([
      'src/election → src/store → src/recovery → src/election',
    ]);
  });

  it('names every import from one web role into another, and every bypass of a facade', () => {
    const web: ImportGraph = new Map([
      ['src/web/admin/a.ts', ['src/web/booth/dom.ts', 'src/web/kit/dom.ts', 'src/web/admin/b.ts']],
      ['src/web/kit/dom.ts', []],
      ['src/server/s.ts', ['src/delivery/index.ts', 'src/delivery/outbox.ts']],
      ['src/delivery/index.ts', ['src/delivery/outbox.ts']],
    ]);
    expect(crossRoleImports(web)).toEqual([
      'src/web/admin/a.ts → src/web/booth/dom.ts (web/admin may not import web/booth)',
    ]);
    expect(facadeBypasses(web)).toEqual([
      'src/server/s.ts → src/delivery/outbox.ts (use src/delivery/index.ts)',
    ]);
  });
});

describe('the source tree', () => {
  it('is read whole: every layer, every kind of import', () => {
    // Sanity, so that an empty or half-read graph cannot pass the checks below.
    const layers = new Set([...graph.keys()].map(layerOf));
    for (const layer of ['core', 'protocol', 'store', 'election', 'server', 'cli', 'web'])
      expect(layers.has(layer), layer).toBe(true);
    const edges = [...graph.values()].reduce((sum, targets) => sum + targets.length, 0);
    expect(edges).toBeGreaterThan(500);
    expect(graph.get('src/server/routes/static.ts')).toContain('src/web/pages.ts');
  });

  it('imports along the layer order only', () => {
    expect(layerViolations(graph, LAYER_ORDER)).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(findCycles(graph).map(showCycle)).toEqual([]);
  });

  it('has no import cycle between folders: no two folders import each other, directly or through others', () => {
    expect(findCycles(folderGraph(graph)).map(showCycle)).toEqual([]);
  });

  it('reaches a facade folder through its index.ts only', () => {
    expect(facadeBypasses(graph)).toEqual([]);
  });

  it('leaves changes and their audit entries to the domain: no route or command opens a transaction or writes an entry', () => {
    // A state change and its audit entry commit together inside one domain operation (issue 21);
    // the HTTP edge checks who asks and calls it.
    const writes = /\.transaction\(|\baudit\.append\(|\bauditEntry\(|\bauditDelivery\(/;
    const found = [...sources]
      .filter(([file]) => /^src\/(server|cli)\//.test(file) && !file.endsWith('.test.ts'))
      .flatMap(([file, text]) =>
        text
          .split('\n')
          .flatMap((line, index) => (writes.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
      );
    expect(found).toEqual([]);
  });

  it('keeps the web role folders apart: none imports another (they share src/web/kit/)', () => {
    expect(crossRoleImports(graph)).toEqual([]);
  });

  it('ships no test code: nothing in src/ but tests imports from test/ or a test framework', () => {
    expect(testImports(graph)).toEqual([]);
    const frameworks = [...sources]
      .flatMap(([file, text]) => importSpecifiers(text).map((specifier) => `${file} → ${specifier}`))
      .filter((line) => TEST_PACKAGES.some((name) => line.endsWith(` → ${name}`)));
    expect(frameworks).toEqual([]);
  });

  it('is built without its tests: tsconfig.build.json compiles src/ and leaves out only *.test.ts', () => {
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
      include: string[];
      exclude: string[];
    };
    expect(build.include).toEqual(['src']);
    // src/web/ is left to its own bundler (src/web/build.ts), which refuses anything but
    // core, protocol, i18n, contract and web; everything else left out must be a test file.
    expect(build.exclude.filter((pattern) => pattern !== 'src/web/**')).toEqual(['src/**/*.test.ts']);
  });
});

/** Every text file under `dir` (relative to ROOT), recursively. */
function textFiles(dir: string): string[] {
  if (!existsSync(join(ROOT, dir))) return [];
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : textFiles(path);
    return /\.(m?ts|md|json|html|css)$/.test(entry.name) ? [path] : [];
  });
}

describe('one list per layer: a feature touches its own folder and one list', () => {
  it('holds no list together with marker comments: none left in src/, bench/, test/ or docs/', () => {
    // Spelt in two pieces so that this file does not find itself.
    const marker = ['keep this', 'marker line'].join(' ');
    const found = ['src', 'bench', 'test', 'docs'].flatMap(textFiles).flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (line.includes(marker) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('declares each page once (src/web/pages.ts): one per page folder, each path served by one page', () => {
    const names = PAGES.map((page) => page.name);
    expect(new Set(names).size).toBe(names.length);
    // A page folder is a folder of src/web/ with a main.ts; each has its stylesheet beside it.
    const folders = readdirSync(join(ROOT, 'src/web'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, 'src/web', entry.name, 'main.ts')))
      .map((entry) => entry.name);
    expect([...names].sort()).toEqual([...folders].sort());
    for (const name of names) expect(existsSync(join(ROOT, 'src/web', name, `${name}.css`)), name).toBe(true);
    const paths = PAGES.flatMap((page) => page.routes.map((route) => route.path));
    expect(new Set(paths).size, 'a path declared by two pages').toBe(paths.length);
  });

  it('serves pages and registers route plugins from the lists only', () => {
    // Pages are sent only by the plugin that serves the list (test/server/serving.test.ts checks
    // that each is served at its paths, src/web/build.test.ts that each is built).
    const senders = [...sources]
      .filter(([file, text]) => /\bsendPage\(/.test(text) && file !== 'src/server/routes/static.ts')
      .map(([file]) => file);
    expect(senders).toEqual([]);
    // The app registers the features of src/server/features.ts; it names no route plugin itself.
    const app = graph.get('src/server/app.ts') ?? [];
    expect(app).toContain('src/server/features.ts');
    expect(app.filter((target) => /^src\/server\/(routes|auth)\//.test(target))).toEqual([]);
    // Migrations are collected from the store's list of features (src/store/features.test.ts pins them).
    expect(graph.get('src/store/migrations.ts')).toEqual(['src/store/features.ts']);
  });
});

describe("the README's folder table", () => {
  it('gives every layer what it may import, as LAYER_ORDER does', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const said = new Map<string, Set<string>>();
    for (const line of readme.split('\n')) {
      const cells = line.split('|').map((cell) => cell.trim());
      // | `src/a/`, `src/b/` | what it holds | `core` `protocol` … |
      const folders = [...(cells[1] ?? '').matchAll(/`src\/([a-z0-9-]+)\/`/g)].map((m) => m[1]!);
      const mayImport = [...(cells[3] ?? '').matchAll(/`([a-z0-9/.-]+)`/g)].map((m) => m[1]!);
      for (const folder of folders) said.set(folder, new Set(mayImport));
    }
    const expected = new Map<string, Set<string>>();
    for (const [layer, rules] of Object.entries(LAYER_ORDER))
      expected.set(layer, new Set(rules.filter((rule) => rule !== layer)));
    for (const [layer, rules] of said) rules.delete(layer);
    expect(said).toEqual(expected);
  });
});
