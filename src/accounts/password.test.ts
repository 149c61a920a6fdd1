import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { secret } from '../core/secret.js';
import { checkPasswordPolicy, hashPassword, PasswordPolicyError, verifyPassword } from './password.js';

const password = (text: string) => secret(text, 'password');

// Every scrypt run, with its cost parameters, still computed by node:crypto: lets a test see how much
// work a verification did without timing it (timings flake on a shared machine).
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, scrypt: vi.fn(actual.scrypt) };
});
const scryptRuns = () =>
  vi.mocked(crypto.scrypt).mock.calls.map((call) => {
    const { N, r, p } = call[3] as { N: number; r: number; p: number };
    return `${N}/${r}/${p}`;
  });

describe('scrypt password hashes', () => {
  it('verifies the RFC 7914 §12 test vector (N=1024, r=8, p=16, salt "NaCl")', async () => {
    const key =
      'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640';
    const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
    const stored = `scrypt$1024$8$16$${b64(Buffer.from('NaCl'))}$${b64(Buffer.from(key, 'hex'))}`;
    expect(await verifyPassword(password('password'), stored)).toBe(true);
    expect(await verifyPassword(password('passwore'), stored)).toBe(false);
  });

  it('hashes in the self-describing scrypt$N$r$p$salt$hash format with a fresh salt each time', async () => {
    const first = await hashPassword(password('correct horse battery'));
    const second = await hashPassword(password('correct horse battery'));
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(second).not.toBe(first);
  });

  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword(password('correct horse battery'));
    expect(await verifyPassword(password('correct horse battery'), stored)).toBe(true);
    expect(await verifyPassword(password('correct horse batterY'), stored)).toBe(false);
    expect(await verifyPassword(password(''), stored)).toBe(false);
  });

  it('treats composed and decomposed Unicode spellings of a password alike (NFC)', async () => {
    const stored = await hashPassword(password('caf\u00e9-au-lait-noir'));
    expect(await verifyPassword(password('cafe\u0301-au-lait-noir'), stored)).toBe(true);
  });

  it('answers false for a missing hash after as much work as a real verification', async () => {
    const stored = await hashPassword(password('correct horse battery'));
    const work = async (run: () => Promise<boolean>) => {
      vi.mocked(crypto.scrypt).mockClear();
      expect(await run()).toBe(false);
      return scryptRuns();
    };
    const real = await work(() => verifyPassword(password('wrong password!'), stored));
    expect(real).toEqual(['32768/8/1']);
    // An unknown login (undefined) and a voter without a password (null) cost one scrypt run with
    // the same parameters: the answer's timing does not tell them from a wrong password.
    expect(await work(() => verifyPassword(password('wrong password!'), undefined))).toEqual(real);
    expect(await work(() => verifyPassword(password('wrong password!'), null))).toEqual(real);
  });

  it('reports a malformed stored hash as an error that does not quote it', async () => {
    for (const stored of [
      '',
      'plaintext-secret',
      'scrypt$3$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo',
    ]) {
      const failure = verifyPassword(password('whatever-password'), stored);
      await expect(failure).rejects.toThrow(/stored password hash/);
      await failure.catch((error: Error) =>
        expect(stored === '' || !error.message.includes(stored)).toBe(true),
      );
    }
  });
});

describe('password policy', () => {
  it('requires at least 10 characters, counted as Unicode code points', () => {
    expect(checkPasswordPolicy(password('123456789'))).toEqual({
      ok: false,
      kind: 'too-short',
      minLength: 10,
    });
    expect(checkPasswordPolicy(password('1234567809'))).toEqual({ ok: true });
    expect(checkPasswordPolicy(password('🔒🔒🔒🔒🔒🔒🔒🔒🔒'))).toMatchObject({
      ok: false,
      kind: 'too-short',
    });
  });

  it('refuses the common passwords of the shipped list, whatever their letter case (issue 15)', () => {
    for (const common of ['1234567890', 'qwertyuiop', 'Password123', 'BASKETBALL', 'iloveyou123'])
      expect(checkPasswordPolicy(password(common)), common).toEqual({ ok: false, kind: 'common' });
    expect(checkPasswordPolicy(password('correct horse battery staple'))).toEqual({ ok: true });
  });

  it('bounds the length at 1024 characters', () => {
    expect(checkPasswordPolicy(password('x'.repeat(1024)))).toEqual({ ok: true });
    expect(checkPasswordPolicy(password('x'.repeat(1025)))).toEqual({
      ok: false,
      kind: 'too-long',
      maxLength: 1024,
    });
  });

  it('refuses to hash a password that breaks the policy, with a message naming the rule only', async () => {
    const failure = hashPassword(password('short-pw'));
    await expect(failure).rejects.toBeInstanceOf(PasswordPolicyError);
    await expect(failure).rejects.toThrow('password must be at least 10 characters long');
    await failure.catch((error: Error) => expect(error.message).not.toContain('short-pw'));
  });
});
