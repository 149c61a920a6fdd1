/**
 * File-system side of scrutin-tool: the election directory (`--dir`, default "."), the `UUID.bel`
 * archive in it, files written with belenios-tool's names and permissions (private files 0400),
 * standard input, and the error type that ends a command with belenios-tool's exit code.
 */
import { appendFileSync, chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParsedArchive, parseArchive } from '../../protocol/archive/archive.js';

/** belenios-tool (cmdliner) exits with 124 when a command fails; drop-in scripts rely on non-zero only. */
export const FAILURE_EXIT_CODE = 124;

export class CliError extends Error {}

/** A failure with its own exit code, for commands that document theirs (`method seats`: 2, 3). */
export class CliExit extends CliError {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export function fail(message: string): never {
  throw new CliError(message);
}

export function failWith(exitCode: number, message: string): never {
  throw new CliExit(message, exitCode);
}

export function readText(path: string, what: string): string {
  if (!existsSync(path)) fail(`${what} ${path} not found`);
  return readFileSync(path, 'utf8');
}

/** Reads all of standard input (empty when it is a terminal or closed). */
export function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

export function nonEmptyLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '');
}

/** Private material is readable by its owner only, like belenios-tool's .privcreds/.privkey. */
export function writePrivate(path: string, content: string): void {
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o400);
}

export function writePublic(path: string, content: string): void {
  writeFileSync(path, content, { mode: 0o644 });
}

export function findArchive(dir: string): string {
  if (!existsSync(dir)) fail(`directory ${dir} not found`);
  const archives = readdirSync(dir).filter((name) => name.endsWith('.bel'));
  if (archives.length === 0) fail(`no election archive (UUID.bel) in ${dir}`);
  if (archives.length > 1) fail(`several election archives in ${dir}: ${archives.join(', ')}`);
  return join(dir, archives[0]!);
}

export function loadArchive(
  dir: string,
  options: { untilFirstEvent?: boolean } = {},
): { path: string; archive: ParsedArchive; bytes: Uint8Array } {
  const path = findArchive(dir);
  const bytes = new Uint8Array(readFileSync(path));
  try {
    return { path, archive: parseArchive(bytes, options), bytes };
  } catch (error) {
    // Format errors (tar, hashes, JSON) are the user's input, not a bug.
    if (error instanceof Error) fail(`${path}: ${error.message}`);
    throw error;
  }
}

export function appendToArchive(path: string, bytes: Uint8Array): void {
  appendFileSync(path, bytes);
}

export function info(message: string): void {
  process.stderr.write(`I: ${message}\n`);
}
