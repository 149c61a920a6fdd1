/**
 * Single-field mutations of archive JSON for the tampering properties: where the numbers are in a
 * ballot, a partial decryption or an encrypted tally, and how to change one so that it stays
 * well-formed (another group element, another exponent) or becomes subtly ill-formed (x + p, p − x,
 * x + q, a leading zero). JSON is handled as parsed text (decimal strings), so what a test writes is
 * exactly what the verifier reads.
 */
import fc from 'fast-check';
import type { Group } from '../../src/core/group.js';

/**
 * The seed of every property here: the same cases on every run, and fast-check prints the seed (and
 * the path of the failing case) on failure, so `{ seed, path }` replays it. Each property covers each
 * of its mutation classes (field × kind of change) by construction, not by luck of the draw.
 */
export const PROPERTY_SEED = 20_261_206;

export type Path = readonly (string | number)[];
export type LeafKind = 'element' | 'exponent' | 'text';

export interface Leaf {
  readonly path: Path;
  readonly kind: LeafKind;
  /** The named part of the structure the leaf belongs to (e.g. 'individual_proofs'). */
  readonly category: string;
}

const ELEMENT_KEYS = new Set(['alpha', 'beta', 'credential']);
const EXPONENT_KEYS = new Set(['challenge', 'response']);

/** Every string leaf of a JSON value, classified by its key (or, for bare array items, by `arrayKind`). */
export function leaves(
  json: unknown,
  arrayKind: (path: Path) => LeafKind | undefined = () => undefined,
): Leaf[] {
  const out: Leaf[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, [...path, i]);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    } else if (typeof value === 'string') {
      const last = path.at(-1);
      const kind =
        typeof last === 'string'
          ? ELEMENT_KEYS.has(last)
            ? 'element'
            : EXPONENT_KEYS.has(last)
              ? 'exponent'
              : 'text'
          : arrayKind(path);
      if (kind) out.push({ path, kind, category: categoryOf(path) });
    }
  };
  walk(json, []);
  return out;
}

function categoryOf(path: Path): string {
  const named = path.filter((p): p is string => typeof p === 'string');
  if (named[0] === 'answers') return named[1] ?? 'answers';
  if (named[0] === 'signature') return named[1] === 'hash' ? 'signature.hash' : 'signature.proof';
  return named[0] ?? 'root';
}

export function getAt(json: unknown, path: Path): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], json);
}

/** A deep copy of `json` with the value at `path` replaced. */
export function setAt<T>(json: T, path: Path, value: unknown): T {
  const copy = structuredClone(json);
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
  return copy;
}

export const ELEMENT_OPS = ['times-g', 'plus-one', 'plus-p', 'p-minus', 'leading-zero'] as const;
export const EXPONENT_OPS = ['plus-one-mod-q', 'plus-q', 'random', 'leading-zero'] as const;
export type ElementOp = (typeof ELEMENT_OPS)[number];
export type ExponentOp = (typeof EXPONENT_OPS)[number];
export type NumberOp = ElementOp | ExponentOp;

/** Ops whose result still parses and stays a group element / an exponent below q or not. */
export const IN_GROUP_ELEMENT_OPS: readonly ElementOp[] = ['times-g'];
export const OUT_OF_GROUP_ELEMENT_OPS: readonly ElementOp[] = ['plus-one', 'plus-p', 'p-minus'];

/** Applies a numeric mutation to a decimal string; `random` is an exponent the caller drew. */
export function mutateNumber(group: Group, text: string, op: NumberOp, random: bigint): string {
  const x = BigInt(text);
  switch (op) {
    case 'times-g':
      return group.mul(x, group.g).toString();
    case 'plus-one':
      return (x + 1n).toString();
    case 'plus-p':
      return (x + group.p).toString();
    case 'p-minus':
      return (group.p - x).toString();
    case 'plus-one-mod-q':
      return ((x + 1n) % group.q).toString();
    case 'plus-q':
      return (x + group.q).toString();
    case 'random':
      return (random === x ? (random + 1n) % group.q : random).toString();
    case 'leading-zero':
      return `0${text}`;
  }
}

export function opsFor(kind: 'element' | 'exponent'): readonly NumberOp[] {
  return kind === 'element' ? ELEMENT_OPS : EXPONENT_OPS;
}

/** An exponent for the `random` op. */
export const exponentArb = (group: Group) => fc.bigInt({ min: 0n, max: group.q - 1n });

/** 64 lowercase hex digits: a plausible but unknown SHA-256 reference. */
export const hex64Arb = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''));
