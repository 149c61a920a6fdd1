/**
 * Codecs: one declaration per JSON structure that both decodes (validating shape, canonical decimals,
 * building objects in declared field order) and encodes (compact JSON, fields in declared order, big
 * numbers as decimal strings). Types are inferred from the codec, so no structure is written twice,
 * and encoding what was decoded gives back Belenios's bytes — which hashing relies on (spec §4.15).
 */
import { isCanonicalDecimal } from './bigint.js';

export class DecodeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path || 'value'}: ${problem}`);
  }
}

export interface Codec<T> {
  decode(value: unknown, path: string): T;
  /** Returns a plain JSON value (strings for big numbers), fields in declared order. */
  toJson(value: T): unknown;
  readonly optional?: boolean;
}

export type TypeOf<C> = C extends Codec<infer T> ? T : never;

const describe = (value: unknown) =>
  Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;

export const string: Codec<string> = {
  decode(value, path) {
    if (typeof value !== 'string') throw new DecodeError(path, `expected a string, got ${describe(value)}`);
    return value;
  },
  toJson: (value) => value,
};

export function literal<L extends string>(expected: L): Codec<L> {
  return {
    decode(value, path) {
      if (value !== expected) throw new DecodeError(path, `expected ${JSON.stringify(expected)}`);
      return expected;
    },
    toJson: (value) => value,
  };
}

export const boolean: Codec<boolean> = {
  decode(value, path) {
    if (typeof value !== 'boolean') throw new DecodeError(path, `expected a boolean, got ${describe(value)}`);
    return value;
  },
  toJson: (value) => value,
};

/** Small integers (spec "I"): JSON numbers. */
export const int: Codec<number> = {
  decode(value, path) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new DecodeError(path, `expected an integer, got ${describe(value)}`);
    }
    return value;
  },
  toJson: (value) => value,
};

/** Big integers (spec N, Zq, G): canonical base-10 strings. */
export const bigDecimal: Codec<bigint> = {
  decode(value, path) {
    if (typeof value !== 'string' || !isCanonicalDecimal(value)) {
      throw new DecodeError(path, 'expected a decimal number written as a string');
    }
    return BigInt(value);
  },
  toJson: (value) => value.toString(),
};

/** An arbitrary JSON value kept as is (spec `json`, e.g. non-homomorphic question values). */
export const json: Codec<unknown> = { decode: (value) => value, toJson: (value) => value };

export function array<T>(item: Codec<T>): Codec<T[]> {
  return {
    decode(value, path) {
      if (!Array.isArray(value)) throw new DecodeError(path, `expected an array, got ${describe(value)}`);
      return value.map((element, i) => item.decode(element, `${path}[${i}]`));
    },
    toJson: (value) => value.map((element) => item.toJson(element)),
  };
}

export function optional<T>(inner: Codec<T>): Codec<T | undefined> & { readonly optional: true } {
  return {
    optional: true as const,
    decode: (value, path) => (value === undefined ? undefined : inner.decode(value, path)),
    toJson: (value) => (value === undefined ? undefined : inner.toJson(value)),
  };
}

type Fields = Record<string, Codec<unknown>>;
type OptionalKeys<F extends Fields> = {
  [K in keyof F]: F[K] extends { optional: true } ? K : never;
}[keyof F];
type ObjectOf<F extends Fields> = { [K in Exclude<keyof F, OptionalKeys<F>>]: TypeOf<F[K]> } & {
  [K in OptionalKeys<F>]?: TypeOf<F[K]>;
};

export function object<F extends Fields>(fields: F): Codec<ObjectOf<F>> {
  const keys = Object.keys(fields);
  return {
    decode(value, path) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new DecodeError(path, `expected an object, got ${describe(value)}`);
      }
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        // The key itself is not echoed: it is user input and could be anything (even a secret).
        if (!(key in fields))
          throw new DecodeError(path, `unexpected field (expected only ${keys.join(', ')})`);
      }
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        const codec = fields[key]!;
        if (!(key in record) && !codec.optional)
          throw new DecodeError(path, `missing field ${JSON.stringify(key)}`);
        const decoded = codec.decode(record[key], path ? `${path}.${key}` : key);
        if (decoded !== undefined) out[key] = decoded;
      }
      return out as ObjectOf<F>;
    },
    toJson(value) {
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        const field = (value as Record<string, unknown>)[key];
        if (field !== undefined) out[key] = fields[key]!.toJson(field);
      }
      return out;
    },
  };
}

export function tuple<A, B>(first: Codec<A>, second: Codec<B>): Codec<[A, B]> {
  return {
    decode(value, path) {
      if (!Array.isArray(value) || value.length !== 2) throw new DecodeError(path, 'expected a pair');
      return [first.decode(value[0], `${path}[0]`), second.decode(value[1], `${path}[1]`)];
    },
    toJson: (value) => [first.toJson(value[0]), second.toJson(value[1])],
  };
}

/** Two shapes told apart by the raw JSON (decoding) and by the value (encoding). */
export function either<A, B>(
  isFirstJson: (value: unknown) => boolean,
  isFirstValue: (value: A | B) => value is A,
  first: Codec<A>,
  second: Codec<B>,
): Codec<A | B> {
  return {
    decode: (value, path) => (isFirstJson(value) ? first.decode(value, path) : second.decode(value, path)),
    toJson: (value) => (isFirstValue(value) ? first.toJson(value) : second.toJson(value as B)),
  };
}

export function encode<T>(codec: Codec<T>, value: T): string {
  return JSON.stringify(codec.toJson(value));
}

export function decodeText<T>(codec: Codec<T>, text: string, what: string): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DecodeError(what, 'not valid JSON');
  }
  return codec.decode(parsed, what);
}
