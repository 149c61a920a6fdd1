/**
 * The exponentiations measured by bench/modexp.ts, in the main thread and in workers alike: each
 * case is prepared once (group tables built, 64 random inputs drawn) and returns one operation.
 */
import { load } from './harness.js';

type Core = {
  group: typeof import('../src/core/group.js');
  arithmetic: typeof import('../src/core/arithmetic.js');
  engine: typeof import('../src/node/modexp-engine.js');
};

export const GROUPS = ['BELENIOS-2048', 'RFC-3526-2048'] as const;
export type GroupName = (typeof GROUPS)[number];

export const CASES = {
  bigint: 'portable BigInt (4-bit window), variable base',
  'fixed-base': 'BigInt fixed-base table for g (group.pow(g, e))',
  dh: 'node:crypto DH engine, variable base',
  'dh-membership': 'node:crypto DH engine, membership check x^q = 1',
} as const;
export type CaseName = keyof typeof CASES;

async function loadCore(): Promise<Core> {
  return {
    group: await load('core/group'),
    arithmetic: await load('core/arithmetic'),
    engine: await load('node/modexp-engine'),
  };
}

export async function prepareCase(groupName: GroupName, name: CaseName): Promise<() => unknown> {
  const core = await loadCore();
  const group = core.group.requireGroup(groupName);
  const { p, q, g } = group;
  const portable = core.arithmetic.portableEngine;
  const dh = core.engine.nodeEngine;
  // Random group members as bases and random exponents in [0, q), as in ballot checks.
  const inputs = Array.from({ length: 64 }, () => ({
    x: portable.powMod(g, group.randomExponent(), p),
    e: group.randomExponent(),
  }));
  let i = 0;
  const next = () => inputs[i++ & 63]!;
  switch (name) {
    case 'bigint':
      return () => {
        const { x, e } = next();
        return portable.powMod(x, e, p);
      };
    case 'fixed-base':
      return () => group.pow(g, next().e);
    case 'dh':
      return () => {
        const { x, e } = next();
        return dh.powMod(x, e, p);
      };
    case 'dh-membership':
      return () => {
        const result = dh.powMod(next().x, q, p);
        if (result !== 1n) throw new Error('membership check failed');
        return result;
      };
  }
}
