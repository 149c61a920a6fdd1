/**
 * Builds the web clients (one per role: the voting booth, and the pages listed in `PAGES`) into
 * static files with esbuild: per page one minified ES2022 bundle and one stylesheet, content-hashed,
 * and `<page>.html` referencing them with Subresource Integrity. A page is a folder
 * `src/web/<page>/` holding `main.ts` and `<page>.css`; its HTML is the one template `page.html`
 * with the page's frame (the fixed elements its script fills) and its `<noscript>` text, both from
 * its declaration in `PAGES` (pages.ts).
 * The bundle must stay browser-pure: any Node built-in import fails the build, and so does any
 * module from outside the isomorphic layers (src/core, src/errors, src/protocol, src/i18n, src/contract,
 * src/web, @noble and TypeBox) — the booth must never pull in the server, the store or src/node.
 *
 *   node --import tsx src/web/build.ts [outDir]     (default dist/web)
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';
import { HASHED_OUTPUT, PAGES, type PageName, pageNamed } from './pages.js';

const WEB_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(WEB_DIR, '../..');

/** URL prefix under which the server serves `outDir` (GET /assets/* → dist/web/*). */
export const ASSET_BASE = '/assets/';

/** Modules the browser bundle may contain, relative to the repository root. */
const ALLOWED_INPUTS = [
  'src/core/',
  'src/errors/',
  'src/protocol/',
  'src/i18n/',
  'src/contract/',
  'src/web/',
  'node_modules/@noble/',
  'node_modules/@sinclair/typebox/',
];

const NODE_BUILTINS = new Set(builtinModules);

/** Makes esbuild fail, naming the importer, on `node:*` or any Node built-in (fs, crypto, worker_threads…). */
export const refuseNodeBuiltins: Plugin = {
  name: 'refuse-node-builtins',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path;
      const root = name.split('/')[0] ?? name;
      if (!name.startsWith('node:') && !NODE_BUILTINS.has(name) && !NODE_BUILTINS.has(root)) return undefined;
      return {
        errors: [
          {
            text: `Node-only module "${name}" imported by ${path.relative(ROOT, args.importer) || args.importer}: the web bundle runs in browsers`,
          },
        ],
      };
    });
  },
};

/** Inputs outside the allowlist, e.g. src/node/platform.ts or src/server/… reached by mistake. */
export function disallowedInputs(metafile: Metafile): string[] {
  return Object.keys(metafile.inputs).filter((input) => {
    const relative = path.relative(ROOT, path.resolve(ROOT, input)).split(path.sep).join('/');
    return !ALLOWED_INPUTS.some((prefix) => relative.startsWith(prefix));
  });
}

/** esbuild options shared by the page bundles and their workers: hashed, minified, browser-only ES modules. */
function browserBundle(outdir: string) {
  return {
    outdir,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    charset: 'utf8',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    plugins: [refuseNodeBuiltins],
  } as const satisfies BuildOptions;
}

/** A page's body: its frame, from its declaration in `PAGES`. */
export function pageBody(page: PageName): string {
  const frame = pageNamed(page);
  const { prefix } = frame;
  const alert = `<div id="${prefix}-alert" class="alert" role="alert"></div>`;
  const status = `<p id="${prefix}-status" class="status" role="status" aria-live="polite"></p>`;
  const messages =
    frame.messages === 'boxed'
      ? ['<div class="messages">', alert, status, '</div>']
      : frame.messages === 'alert-and-status'
        ? [alert, status]
        : [alert];
  return [
    `<header id="${prefix}-header" class="${frame.headerClass}"><p class="brand">Scrutin</p></header>`,
    `<main id="${prefix}-main" class="${frame.mainClass}">`,
    `<div id="${frame.screen}">`,
    '<noscript>',
    ...frame.noscript,
    '</noscript>',
    '</div>',
    ...messages,
    '</main>',
  ].join('\n');
}

export interface WebBuild {
  readonly outDir: string;
  /** The page the server returns for GET /vote/:electionId. */
  readonly boothHtml: string;
  /** Every page's HTML file, by page name. */
  readonly pages: Record<PageName, string>;
  /** Files under outDir (served below ASSET_BASE), with their sizes in bytes. */
  readonly assets: { file: string; bytes: number }[];
}

function integrity(contents: Uint8Array): string {
  return `sha384-${createHash('sha384').update(contents).digest('base64')}`;
}

const escapeAttribute = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

/**
 * Web Worker entries (src/web/<page>/<name>.ts → /assets/<name>-HASH.js), browser-pure like the
 * pages, and the `define`s that hand their URLs to the page bundles. Workers are modules served from
 * 'self' (CSP worker-src): no blob: or data: URL, and their name changes with their content.
 */
const WORKERS = PAGES.flatMap((page) =>
  ('workers' in page ? page.workers : []).map((worker) => ({
    ...worker,
    entry: `${page.name}/${worker.entry}`,
  })),
);

async function buildWorkers(out: string): Promise<{ define: Record<string, string>; outputs: string[] }> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: WORKERS.map((worker) => ({ in: path.join(WEB_DIR, worker.entry), out: worker.out })),
    ...browserBundle(out),
  });
  const strays = disallowedInputs(result.metafile);
  if (strays.length > 0)
    throw new Error(
      `the web workers must only contain isomorphic code; they also pull in: ${strays.join(', ')}`,
    );
  const outputs = Object.keys(result.metafile.outputs);
  const define: Record<string, string> = {};
  for (const worker of WORKERS) {
    const file = outputs.find((name) =>
      new RegExp(`^${worker.out}-[A-Z0-9]+\\.js$`).test(path.basename(name)),
    );
    if (!file) throw new Error(`esbuild did not produce the ${worker.out} worker`);
    define[worker.define] = JSON.stringify(ASSET_BASE + path.basename(file));
  }
  return { define, outputs };
}

/** package.json's `repository` (string or {url}), when it is an https address: linked from the pages. */
async function sourceUrl(): Promise<string | null> {
  const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
    repository?: string | { url?: string };
  };
  const url = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  const plain = url?.replace(/^git\+/, '').replace(/\.git$/, '');
  return plain?.startsWith('https://') ? plain : null;
}

export async function buildWeb(outDir = 'dist/web'): Promise<WebBuild> {
  const out = path.resolve(outDir);
  await mkdir(out, { recursive: true });
  // Only our own hashed files are removed: outDir may hold other files (tsc output, other clients).
  for (const name of await readdir(out)) if (HASHED_OUTPUT.test(name)) await rm(path.join(out, name));

  // The election page's verification worker first: the page bundle needs its hashed URL.
  const workers = await buildWorkers(out);
  const result = await build({
    absWorkingDir: ROOT,
    define: { ...workers.define, __SCRUTIN_SOURCE_URL__: JSON.stringify(await sourceUrl()) },
    entryPoints: PAGES.flatMap(({ name: page }) => [
      { in: path.join(WEB_DIR, page, 'main.ts'), out: page },
      { in: path.join(WEB_DIR, page, `${page}.css`), out: page },
    ]),
    ...browserBundle(out),
  });
  const strays = disallowedInputs(result.metafile);
  if (strays.length > 0) {
    throw new Error(
      `the web bundles must only contain isomorphic code; they also pull in: ${strays.join(', ')}`,
    );
  }

  const outputs = [...workers.outputs, ...Object.keys(result.metafile.outputs)].map((file) =>
    path.resolve(ROOT, file),
  );
  const tag = async (file: string, kind: 'script' | 'style') => {
    const href = escapeAttribute(ASSET_BASE + path.basename(file));
    const sri = integrity(await readFile(file));
    return kind === 'script'
      ? `<script type="module" src="${href}" integrity="${sri}"></script>`
      : `<link rel="stylesheet" href="${href}" integrity="${sri}">`;
  };
  const template = await readFile(path.join(WEB_DIR, 'page.html'), 'utf8');
  const pages = {} as Record<PageName, string>;
  for (const { name: page } of PAGES) {
    const own = (suffix: string) =>
      outputs.find((file) => new RegExp(`^${page}-[A-Z0-9]+\\${suffix}$`).test(path.basename(file)));
    const script = own('.js');
    const style = own('.css');
    if (!script || !style) throw new Error(`esbuild did not produce the ${page} script and stylesheet`);
    const html = template
      .replace('<!--page:style-->', await tag(style, 'style'))
      .replace('<!--page:script-->', await tag(script, 'script'))
      .replace('<!--page:body-->', pageBody(page));
    pages[page] = path.join(out, `${page}.html`);
    await writeFile(pages[page], html);
  }
  const boothHtml = pages.booth;

  const assets = await Promise.all(
    [...outputs, ...Object.values(pages)].map(async (file) => ({
      file: path.relative(out, file),
      bytes: (await readFile(file)).length,
    })),
  );
  return { outDir: out, boothHtml, pages, assets };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  buildWeb(process.argv[2]).then(
    (built) => {
      for (const { file, bytes } of built.assets)
        console.log(`${path.join(built.outDir, file)}  ${(bytes / 1024).toFixed(1)} KiB`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
