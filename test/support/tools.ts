/**
 * Running the two command-line tools side by side: Inria's belenios-tool (Debian package) and our
 * scrutin-tool (compiled by `npm run build`, which `npm test` runs first).
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BELENIOS_TOOL = '/usr/bin/belenios-tool';
export const SCRUTIN_TOOL = join(ROOT, 'bin', 'scrutin-tool.js');
export const hasBeleniosTool = existsSync(BELENIOS_TOOL);
export const EXAMPLES = '/usr/share/doc/belenios-tool/examples';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `scrutin-${prefix}-`));
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function run(
  command: string,
  args: string[],
  options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {},
): RunResult {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    input: options.input ?? '',
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export const scrutinTool = (args: string[], options: Parameters<typeof run>[2] = {}) =>
  run(process.execPath, [SCRUTIN_TOOL, ...args], options);
export const beleniosTool = (args: string[], options: Parameters<typeof run>[2] = {}) =>
  run(BELENIOS_TOOL, args, options);

/**
 * The Belenios example scripts call `$BELENIOS/_run/tool-debug/bin/belenios-tool` and read
 * `$BELENIOS/tests/tool/templates/questions.json`: this lays out such a tree around any binary,
 * so the scripts run unchanged with only the binary swapped.
 */
export function beleniosTree(binary: string): string {
  const root = tempDir('tree');
  mkdirSync(join(root, '_run', 'tool-debug', 'bin'), { recursive: true });
  mkdirSync(join(root, 'tests', 'tool', 'templates'), { recursive: true });
  mkdirSync(join(root, 'tests', 'tool', 'data'), { recursive: true });
  symlinkSync(binary, join(root, '_run', 'tool-debug', 'bin', 'belenios-tool'));
  copyFileSync(
    join(ROOT, 'test', 'fixtures', 'demo', 'questions.json'),
    join(root, 'tests', 'tool', 'templates', 'questions.json'),
  );
  return root;
}

/** A shell script that sends each subcommand to one tool or the other (or both, for verification). */
export function mixedTool(routes: { scrutin: string[]; both: string[] }): string {
  const dir = tempDir('mix');
  const path = join(dir, 'tool');
  const node = process.execPath;
  const match = (list: string[]) => list.map((c) => `"${c}"`).join('|') || '"__none__"';
  writeFileSync(
    path,
    `#!/bin/bash
# Routes each subcommand to belenios-tool or scrutin-tool; "both" runs both and needs both to pass.
S=("${node}" "${SCRUTIN_TOOL}")
B=("${BELENIOS_TOOL}")
case "$1 $2" in
  ${match(routes.both)}) "\${B[@]}" "$@" && exec "\${S[@]}" "$@" ;;
  ${match(routes.scrutin)}) exec "\${S[@]}" "$@" ;;
  *) exec "\${B[@]}" "$@" ;;
esac
`,
  );
  chmodSync(path, 0o755);
  return path;
}
