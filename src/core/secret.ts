/**
 * A box for secrets (private credentials, trustee keys, passwords). It has no enumerable field, a
 * `toJSON` that throws and a redacting `toString`/inspect, so a secret cannot reach a log line, an
 * API answer or an export by accident: whoever needs the value calls `reveal()` on purpose.
 */

const REDACTED = '[secret]';

export class Secret<T, Kind extends string> {
  readonly #value: T;
  readonly kind: Kind;

  constructor(value: T, kind: Kind) {
    this.#value = value;
    this.kind = kind;
  }

  reveal(): T {
    return this.#value;
  }

  toJSON(): never {
    throw new Error(`refusing to serialise a ${this.kind}`);
  }

  toString(): string {
    return `${REDACTED} ${this.kind}`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

export function secret<T, Kind extends string>(value: T, kind: Kind): Secret<T, Kind> {
  return new Secret(value, kind);
}
