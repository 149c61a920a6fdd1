/** Access to the belenios-tool 2.0 vectors copied under test/fixtures (see their README.md). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const VECTORS = join(import.meta.dirname, '..', 'fixtures', 'belenios-2.0');

export const VALID_ELECTIONS = [
  'BELENIOS-2048-single',
  'BELENIOS-2048-threshold',
  'RFC-3526-2048-single',
  'RFC-3526-2048-threshold',
] as const;

export function archivePath(folder: string): string {
  const name = readdirSync(join(VECTORS, folder)).find((f) => f.endsWith('.bel'));
  if (!name) throw new Error(`no archive in ${folder}`);
  return join(VECTORS, folder, name);
}

export function readVector(folder: string, file: string): string {
  return readFileSync(join(VECTORS, folder, file), 'utf8');
}

export function readArchiveBytes(pathOrFolder: string): Uint8Array {
  const path = pathOrFolder.endsWith('.bel') ? join(VECTORS, pathOrFolder) : archivePath(pathOrFolder);
  return new Uint8Array(readFileSync(path));
}
