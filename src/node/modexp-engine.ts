/**
 * A ModExpEngine backed by OpenSSL through node:crypto. Node exposes no modular exponentiation, but a
 * Diffie-Hellman object computes peerKey^privateKey mod prime with OpenSSL's BN (constant-time
 * Montgomery), so `setPrivateKey(exponent)` + `computeSecret(base)` is base^exponent mod modulus,
 * ~5× faster than portable BigInt (shared/reference/performance-notes.md §1). OpenSSL 3 only accepts
 * 1 < base < m-1 and refuses a shared secret of 1 or m-1 (SP 800-56A §5.7.1.1), which is exactly what a
 * membership check x^q = 1 produces; `powMod` works around both (see there).
 */
import { createDiffieHellman, type DiffieHellman } from 'node:crypto';
import { type ModExpEngine, portableEngine, setModExpEngine } from '../core/arithmetic.js';
import { bitLength, mod } from '../core/bigint.js';

/**
 * OpenSSL 3 refuses DH moduli under 512 bits and over OPENSSL_DH_MAX_MODULUS_BITS = 10 000 bits; Node
 * then ignores the error and returns a zero-filled buffer (checked on Node 20.20), so such moduli
 * must never reach computeSecret.
 */
export const DH_MIN_MODULUS_BITS = 512;
export const DH_MAX_MODULUS_BITS = 10_000;

/** Moduli are few (one per group); the bound only guards against a caller cycling through many. */
const MAX_CACHED_MODULI = 16;

/**
 * Creating a DiffieHellman object checks the prime (~135 ms for 2048 bits on this machine, measured
 * with createDiffieHellman on BELENIOS-2048's p), about 65 portable exponentiations' worth. A short
 * command (casting one ballot, deriving a credential) never needs it, so the first exponentiations
 * modulo a prime go through BigInt and OpenSSL takes over once the work is known to be substantial.
 */
const PORTABLE_WARM_UP = 48;

function toBuffer(value: bigint): Buffer {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex');
}

/** base^exponent, or undefined when OpenSSL refuses the result (0, 1 or m-1); other errors are bugs. */
function computeOrRefuse(dh: DiffieHellman, exponent: bigint, base: Buffer): bigint | undefined {
  dh.setPrivateKey(toBuffer(exponent));
  try {
    return toBigInt(dh.computeSecret(base));
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_CRYPTO_INVALID_KEYTYPE') return undefined;
    throw error;
  }
}

/** computeSecret's output is big-endian, left-padded with zeros to the modulus size. */
function toBigInt(bytes: Buffer): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
}

export class DiffieHellmanEngine implements ModExpEngine {
  readonly name = 'node:crypto-dh';
  private readonly contexts = new Map<bigint, DiffieHellman>();
  private readonly warmUps = new Map<bigint, number>();

  constructor(private readonly warmUp = PORTABLE_WARM_UP) {}

  /** Whether a modulus is computed by OpenSSL (odd, 512–10 000 bits) rather than by portable BigInt. */
  static accepts(modulus: bigint): boolean {
    if (modulus <= 1n || (modulus & 1n) === 0n) return false;
    const bits = bitLength(modulus);
    return bits >= DH_MIN_MODULUS_BITS && bits <= DH_MAX_MODULUS_BITS;
  }

  powMod(base: bigint, exponent: bigint, modulus: bigint): bigint {
    if (exponent < 0n) throw new RangeError('powMod: negative exponent');
    if (!this.contexts.has(modulus)) {
      const seen = (this.warmUps.get(modulus) ?? 0) + 1;
      if (seen <= this.warmUp && this.warmUps.size < MAX_CACHED_MODULI) {
        this.warmUps.set(modulus, seen);
        return portableEngine.powMod(base, exponent, modulus);
      }
    }
    const dh = this.contextFor(modulus);
    if (dh === undefined) return portableEngine.powMod(base, exponent, modulus);
    const b = mod(base, modulus);
    // DH refuses a base outside (1, m-1) and a zero private key: answer those directly.
    if (exponent === 0n) return 1n;
    if (b === 0n || b === 1n || exponent === 1n) return b;
    if (b === modulus - 1n) return (exponent & 1n) === 0n ? 1n : b;
    // b^e = b^(e-1)·b: the DH result b^(e-1) is ±1 only when e-1 is a multiple of b's order (or half
    // of it), never in a membership check (x^(q-1) = x^-1), and then b^e = ±b is a valid DH result.
    // The extra multiplication (~7 µs) costs 2–3 % of an exponentiation.
    const bytes = toBuffer(b);
    const almost = computeOrRefuse(dh, exponent - 1n, bytes);
    if (almost !== undefined) return (almost * b) % modulus;
    // A composite modulus may still refuse both (a result of 0); BigInt has no such limits.
    return computeOrRefuse(dh, exponent, bytes) ?? portableEngine.powMod(b, exponent, modulus);
  }

  /** The cached DH object for a modulus, or undefined when OpenSSL cannot compute modulo it. */
  private contextFor(modulus: bigint): DiffieHellman | undefined {
    let dh = this.contexts.get(modulus);
    if (dh === undefined) {
      if (!DiffieHellmanEngine.accepts(modulus)) return undefined;
      if (this.contexts.size >= MAX_CACHED_MODULI) this.contexts.clear();
      dh = createDiffieHellman(toBuffer(modulus));
      this.contexts.set(modulus, dh);
    }
    return dh;
  }
}

/** One engine per thread (each worker installs its own). */
export const nodeEngine: ModExpEngine = new DiffieHellmanEngine();

/** Routes every non-fixed-base exponentiation of the protocol core through OpenSSL. */
export function installNodeEngine(): void {
  setModExpEngine(nodeEngine);
}
