/**
 * The Base58 alphabet of Belenios (spec §4.2): identifiers, credentials and trustee seeds are drawn
 * from it character by character (no leading-zero encoding scheme is involved).
 */
import { randomIndex } from './random.js';

export const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function randomBase58(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE58_ALPHABET[randomIndex(58)];
  return out;
}

export function isBase58(text: string): boolean {
  for (const char of text) if (!BASE58_ALPHABET.includes(char)) return false;
  return true;
}

export function base58DigitValue(char: string): number {
  const value = BASE58_ALPHABET.indexOf(char);
  if (value < 0 || char.length !== 1) throw new RangeError(`not a Base58 character: ${JSON.stringify(char)}`);
  return value;
}
