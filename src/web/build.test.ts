import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWeb, disallowedInputs, refuseNodeBuiltins } from './build.js';
import { PAGES } from './pages.js';

const scratch = await mkdtemp(path.join(os.tmpdir(), 'scrutin-web-build-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function bundle(source: string) {
  const entry = path.join(scratch, `entry-${Math.random().toString(36).slice(2)}.ts`);
  await writeFile(entry, source);
  return build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    logLevel: 'silent',
    plugins: [refuseNodeBuiltins],
  });
}

describe('web build', () => {
  it('fails on a node: import, naming the importer', async () => {
    await expect(
      bundle("import { randomBytes } from 'node:crypto'; console.log(randomBytes(1));"),
    ).rejects.toThrow(/Node-only module "node:crypto" imported by .*entry-/);
  });

  it('fails on a bare Node built-in too (fs, worker_threads, fs/promises)', async () => {
    for (const name of ['fs', 'worker_threads', 'fs/promises']) {
      await expect(bundle(`import * as m from '${name}'; console.log(m);`)).rejects.toThrow(
        /Node-only module/,
      );
    }
  });

  it('flags modules outside the isomorphic layers (server, store, src/node)', () => {
    const metafile = {
      inputs: {
        'src/core/hash.ts': {},
        'src/node/platform.ts': {},
        'src/server/errors.ts': {},
        'node_modules/@noble/hashes/sha2.js': {},
      },
      outputs: {},
    } as unknown as Metafile;
    expect(disallowedInputs(metafile)).toEqual(['src/node/platform.ts', 'src/server/errors.ts']);
  });

  it('writes booth.html whose script and stylesheet match their integrity hashes', async () => {
    const built = await buildWeb(path.join(scratch, 'out'));
    const html = await readFile(built.boothHtml, 'utf8');
    const tags = [
      ...html.matchAll(/(?:src|href)="\/assets\/(booth-[A-Z0-9]+\.(?:js|css))" integrity="(sha384-[^"]+)"/g),
    ];
    expect(tags.map((tag) => path.extname(tag[1]!)).sort()).toEqual(['.css', '.js']);
    for (const [, file, sri] of tags) {
      const digest = createHash('sha384')
        .update(await readFile(path.join(built.outDir, file!)))
        .digest('base64');
      expect(sri).toBe(`sha384-${digest}`);
    }
    expect(html).not.toContain('<!--booth:');
    // Every page of the one page list is built, and nothing else: one HTML file per page, whose
    // body is the frame its declaration gives.
    expect(Object.keys(built.pages).sort()).toEqual(PAGES.map((page) => page.name).sort());
    for (const page of PAGES) {
      const pageHtml = await readFile(built.pages[page.name], 'utf8');
      expect(pageHtml, page.name).toContain(`<main id="${page.prefix}-main" class="${page.mainClass}">`);
      expect(pageHtml, page.name).toContain(page.noscript[0]);
    }
  });
});
