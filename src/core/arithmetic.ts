/**
 * The one arithmetic seam of the protocol core. Everything pure calls `powMod`; the platform decides
 * how it is computed: portable BigInt in the browser, OpenSSL through node:crypto on the server
 * (installed by src/node/platform.ts, see src/node/modexp-engine.ts). Fixed-base tables are portable and live in group.ts.
 */
import { powModPortable } from './bigint.js';

export interface ModExpEngine {
  readonly name: string;
  /** base^exponent mod modulus, for 0 <= exponent and 1 < modulus (odd). */
  powMod(base: bigint, exponent: bigint, modulus: bigint): bigint;
}

export const portableEngine: ModExpEngine = { name: 'bigint', powMod: powModPortable };

let engine: ModExpEngine = portableEngine;

export function setModExpEngine(next: ModExpEngine): void {
  engine = next;
}

export function getModExpEngine(): ModExpEngine {
  return engine;
}

export function powMod(base: bigint, exponent: bigint, modulus: bigint): bigint {
  return engine.powMod(base, exponent, modulus);
}
