/**
 * Interoperability with Inria's belenios-tool 2.0: the example scripts shipped in the Debian package
 * run unchanged with scrutin-tool as the binary, and with every step split between the two tools.
 */

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { beleniosTree, EXAMPLES, hasBeleniosTool, mixedTool, run, SCRUTIN_TOOL } from '../support/tools.js';

function runDemo(script: string, binary: string) {
  const tree = beleniosTree(binary);
  const result = run('bash', [join(EXAMPLES, script)], { cwd: tree, env: { BELENIOS: tree } });
  return { ...result, output: result.stdout + result.stderr };
}

describe.skipIf(!hasBeleniosTool)('Belenios example scripts', () => {
  it('demo.sh runs unchanged with scrutin-tool and finds the reference result', () => {
    const { status, output } = runDemo('demo.sh', SCRUTIN_TOOL);
    expect(output).toContain('Result is correct!');
    expect(output).toContain('The simulated election was successful!');
    expect(status).toBe(0);
  });

  it('demo.sh with credentials, keys and archive by belenios-tool; ballots, tally and result by scrutin-tool; verification by both', () => {
    const tool = mixedTool({
      scrutin: [
        'election generate-ballot',
        'election compute-encrypted-tally',
        'election compute-result',
        'archive add-event',
      ],
      both: ['election verify', 'election verify-diff'],
    });
    const { status, output } = runDemo('demo.sh', tool);
    expect(output).toContain('Result is correct!');
    expect(status).toBe(0);
  });

  it('demo.sh with credentials, keys, archive and decryptions by scrutin-tool; ballots and result by belenios-tool; verification by both', () => {
    const tool = mixedTool({
      scrutin: [
        'setup generate-credentials',
        'setup generate-trustee-key',
        'setup make-trustees',
        'setup make-election',
        'archive init',
        'election decrypt',
        'sha256-b64',
      ],
      both: ['election verify', 'election verify-diff'],
    });
    const { status, output } = runDemo('demo.sh', tool);
    expect(output).toContain('Result is correct!');
    expect(status).toBe(0);
  });
});

describe.skipIf(!hasBeleniosTool)('Belenios threshold example script', () => {
  it('demo-threshold.sh runs unchanged with scrutin-tool', () => {
    const { status, output } = runDemo('demo-threshold.sh', SCRUTIN_TOOL);
    expect(output).toContain('The simulated election was successful!');
    expect(output).toContain('I: all checks passed');
    expect(status).toBe(0);
  });

  it('demo-threshold.sh with trustees, archive, threshold decryptions and result by scrutin-tool, the rest by belenios-tool, verification by both', () => {
    // Steps 1, 3 and 5 are per-trustee: by alternating tools inside one step's loop we would need
    // state; instead the server-side steps (2, 4, 6) and the threshold decryptions go to scrutin-tool.
    const tool = mixedTool({
      scrutin: [
        'election decrypt-threshold',
        'election compute-result',
        'setup make-trustees',
        'archive init',
      ],
      both: ['election verify', 'election verify-diff'],
    });
    const { status, output } = runDemo('demo-threshold.sh', tool);
    expect(output).toContain('The simulated election was successful!');
    expect(status).toBe(0);
  });
});
