/**
 * Builds dist/scrutin-verify.mjs: the verifier and consolidation in one self-contained ES module
 * for plain Node 20 (commander and @noble bundled, only node: built-ins imported), so that anyone
 * can check an election with nothing but Node. Not minified: an auditor can read what they run.
 * Its SHA-256 goes to dist/scrutin-verify.mjs.sha256 (`sha256sum -c` format) for the release notes.
 *
 *   node --import tsx src/cli/scrutin-verify/bundle.ts [outFile]     (default dist/scrutin-verify.mjs)
 */
import { createHash } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export async function buildVerifier(
  outFile = path.join(ROOT, 'dist/scrutin-verify.mjs'),
): Promise<{ file: string; sha256: string; bytes: number }> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, 'src/cli/scrutin-verify.ts')],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    charset: 'utf8',
    legalComments: 'inline',
    logLevel: 'silent',
    // commander is CommonJS: its require('node:…') calls need a real require inside an ES module.
    banner: {
      js: "import { createRequire as __scrutinCreateRequire } from 'node:module';\nconst require = __scrutinCreateRequire(import.meta.url);",
    },
  });
  const contents = await readFile(outFile);
  const sha256 = createHash('sha256').update(contents).digest('hex');
  await writeFile(`${outFile}.sha256`, `${sha256}  ${path.basename(outFile)}\n`);
  await chmod(outFile, 0o755);
  return { file: outFile, sha256, bytes: contents.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  buildVerifier(process.argv[2] && path.resolve(process.argv[2])).then(
    (built) => console.log(`${built.file}  ${(built.bytes / 1024).toFixed(1)} KiB  sha256 ${built.sha256}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
