/**
 * The old-style (v7) tar container of Belenios archives (spec §4.4): 512-byte headers with name,
 * mode 0644, uid/gid 0, size, mtime = election timestamp, checksum and type '0'; no ustar magic and
 * no end-of-archive blocks, so an archive grows by plain appends. Pure: bytes in, bytes out.
 */

const BLOCK = 512;

export interface TarEntry {
  readonly name: string;
  readonly content: Uint8Array;
  /** Byte offset of the entry's header in the archive (for error messages). */
  readonly offset: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function writeField(header: Uint8Array, offset: number, length: number, text: string): void {
  header.set(encoder.encode(text).subarray(0, length), offset);
}

function octal(value: number, digits: number): string {
  return value.toString(8).padStart(digits, '0');
}

export function tarEntry(name: string, content: Uint8Array, mtime: number): Uint8Array {
  if (encoder.encode(name).length > 99) throw new RangeError(`tar entry name too long: ${name}`);
  const padded = Math.ceil(content.length / BLOCK) * BLOCK;
  const out = new Uint8Array(BLOCK + padded);
  const header = out.subarray(0, BLOCK);
  writeField(header, 0, 100, name);
  writeField(header, 100, 8, '0000644\0');
  writeField(header, 108, 8, '0000000\0');
  writeField(header, 116, 8, '0000000\0');
  writeField(header, 124, 12, `${octal(content.length, 11)}\0`);
  writeField(header, 136, 12, `${octal(mtime, 11)}\0`);
  writeField(header, 148, 8, '        ');
  header[156] = 0x30; // '0': regular file
  let sum = 0;
  for (const byte of header) sum += byte;
  writeField(header, 148, 8, `${octal(sum, 6)}\0 `);
  out.set(content, BLOCK);
  return out;
}

function readOctal(bytes: Uint8Array): number {
  const text = String.fromCharCode(...bytes)
    .replace(/[\0 ]+$/g, '')
    .trim();
  if (!/^[0-7]+$/.test(text)) return Number.NaN;
  return Number.parseInt(text, 8);
}

export class TarError extends Error {}

/** Reads every entry; trailing zero blocks (from tools that add them) end the archive. */
export function readTar(bytes: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + BLOCK > bytes.length) throw new TarError(`truncated tar header at byte ${offset}`);
    const header = bytes.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
    if (readOctal(header.subarray(148, 156)) !== sum)
      throw new TarError(`bad tar header checksum at byte ${offset}`);
    const nameEnd = header.indexOf(0);
    const name = decoder.decode(header.subarray(0, nameEnd < 0 || nameEnd > 100 ? 100 : nameEnd));
    const size = readOctal(header.subarray(124, 136));
    if (!Number.isFinite(size)) throw new TarError(`bad tar entry size at byte ${offset}`);
    const start = offset + BLOCK;
    if (start + size > bytes.length) throw new TarError(`truncated tar entry ${name}`);
    entries.push({ name, content: bytes.subarray(start, start + size), offset });
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}
