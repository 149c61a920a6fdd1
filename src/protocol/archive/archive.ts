/**
 * The `.bel` public archive (spec §4.4): a header, then data and event files named by the SHA-256
 * of their bytes. Events are hash-chained (parent = hash of the previous event, height + 1). This
 * module parses an archive into its records (checking names against contents) and builds appends;
 * what the records mean is checked by the verifier.
 */
import { decodeText } from '../../core/codec.js';
import { sha256Hex } from '../../core/hash.js';
import {
  type ArchiveEvent,
  type ArchiveHeader,
  type EventType,
  eventCodec,
  headerCodec,
} from '../messages.js';
import { readTar, TarError, tarEntry } from './tar.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export interface EventRecord {
  readonly hash: string;
  readonly raw: string;
  readonly event: ArchiveEvent;
}

export interface ParsedArchive {
  readonly header: ArchiveHeader;
  /** Payloads by hash, exact text kept for hashing. */
  readonly data: ReadonlyMap<string, string>;
  /** Events in file order. */
  readonly events: readonly EventRecord[];
}

export class ArchiveFormatError extends Error {}

const NAME = /^([0-9a-f]{64})\.(data|event)\.json$/;

/**
 * Parses an archive, checking every file against its name. With `untilFirstEvent`, stops after the
 * Setup event: enough to cast a ballot without reading (and hashing) a board of thousands of ballots.
 */
export function parseArchive(bytes: Uint8Array, options: { untilFirstEvent?: boolean } = {}): ParsedArchive {
  let entries: ReturnType<typeof readTar>;
  try {
    entries = readTar(bytes);
  } catch (error) {
    if (error instanceof TarError) throw new ArchiveFormatError(error.message);
    throw error;
  }
  const [first, ...rest] = entries;
  if (first?.name !== 'BELENIOS')
    throw new ArchiveFormatError('archive does not start with a BELENIOS header');
  const header = decodeText(headerCodec, text(first.content, 'BELENIOS'), 'BELENIOS');
  const data = new Map<string, string>();
  const events: EventRecord[] = [];
  for (const entry of rest) {
    const match = NAME.exec(entry.name);
    if (!match) throw new ArchiveFormatError(`unexpected file ${entry.name} in archive`);
    const [, hash, kind] = match;
    if (sha256Hex(entry.content) !== hash)
      throw new ArchiveFormatError(`file ${entry.name} does not match its hash`);
    const raw = text(entry.content, entry.name);
    if (kind === 'data') data.set(hash!, raw);
    else {
      events.push({ hash: hash!, raw, event: decodeText(eventCodec, raw, entry.name) });
      if (options.untilFirstEvent) break;
    }
  }
  return { header, data, events };
}

function text(bytes: Uint8Array, name: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new ArchiveFormatError(`${name} is not UTF-8`);
  }
}

/** An event's exact bytes and hash, chained after `previous` (spec §4.4). */
export function makeEvent(
  previous: { hash: string; height: number } | undefined,
  type: EventType,
  payload?: string,
): { raw: string; hash: string; event: ArchiveEvent } {
  const event: ArchiveEvent = {
    parent: previous?.hash,
    height: previous ? previous.height + 1 : 0,
    type,
    payload,
  };
  const raw = JSON.stringify(eventCodec.toJson(event));
  return { raw, hash: sha256Hex(raw), event };
}

export function headerRaw(timestamp: number): string {
  return JSON.stringify({ version: 1, timestamp: String(timestamp) });
}

/** A whole archive from its records in order (how the server serves its board). */
export function archiveBytes(
  timestamp: number,
  records: readonly { kind: 'data' | 'event'; hash: string; raw: string }[],
): Uint8Array {
  const chunks = [tarEntry('BELENIOS', encoder.encode(headerRaw(timestamp)), timestamp)];
  for (const record of records)
    chunks.push(tarEntry(`${record.hash}.${record.kind}.json`, encoder.encode(record.raw), timestamp));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Builds appends to an archive whose last event is known (height and hash). */
export class ArchiveAppender {
  private readonly chunks: Uint8Array[] = [];

  constructor(
    private readonly timestamp: number,
    private last: { hash: string; height: number } | undefined,
  ) {}

  static create(timestamp: number): ArchiveAppender {
    const appender = new ArchiveAppender(timestamp, undefined);
    appender.chunks.push(tarEntry('BELENIOS', encoder.encode(headerRaw(timestamp)), timestamp));
    return appender;
  }

  static after(archive: ParsedArchive): ArchiveAppender {
    const lastEvent = archive.events.at(-1);
    return new ArchiveAppender(
      Number(archive.header.timestamp),
      lastEvent && { hash: lastEvent.hash, height: lastEvent.event.height },
    );
  }

  /** Adds a payload file and returns its hash (the reference events use). */
  addData(raw: string): string {
    const bytes = encoder.encode(raw);
    const hash = sha256Hex(bytes);
    this.chunks.push(tarEntry(`${hash}.data.json`, bytes, this.timestamp));
    return hash;
  }

  addEvent(type: EventType, payload?: string): string {
    const { raw, hash, event } = makeEvent(this.last, type, payload);
    this.chunks.push(tarEntry(`${hash}.event.json`, encoder.encode(raw), this.timestamp));
    this.last = { hash, height: event.height };
    return hash;
  }

  get head(): { hash: string; height: number } | undefined {
    return this.last;
  }

  /** The bytes to append to the archive file, in order. */
  take(): Uint8Array {
    const size = this.chunks.reduce((n, chunk) => n + chunk.length, 0);
    const out = new Uint8Array(size);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    this.chunks.length = 0;
    return out;
  }
}
