/**
 * Interoperability with Inria's belenios-tool 2.0: the example scripts shipped in the Debian package
 * run unchanged with scrutin-tool as the binary, and with every step split between the two tools.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
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
      scrutin: ['election generate-ballot', 'election compute-encrypted-tally', 'election compute-result', 'archive add-event'],
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
