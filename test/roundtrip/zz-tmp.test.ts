import { it, expect } from 'vitest';
import { simulateElection, writeArchive } from '../../test/support/simulate.js';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import { verifyArchive } from '../../src/protocol/verifier.js';
it('t', async () => {
  for (const group of ['BELENIOS-2048', 'RFC-3526-2048'] as const) {
  let t = performance.now();
  const sim = simulateElection({ group, questions: [{answers:['a','b','c'],min:1,max:1,question:'Q1'},{answers:['x','y'],blank:true,min:1,max:2,question:'Q2'}],
    voters: [1n, 2n, 2n**30n], trustees: {singles: 2}, votes: [{voter:0, plaintext:[[1,0,0],[1,0,0]]},{voter:1, plaintext:[[0,1,0],[0,1,1]]},{voter:2, plaintext:[[0,0,1],[0,1,0]]},{voter:1, plaintext:[[1,0,0],[0,1,0]]}] });
  console.log(group, 'simulate', performance.now() - t);
  expect(writeArchive(sim.model)).toEqual(sim.bytes);
  t = performance.now();
  const r = await verifyArchive(parseArchive(sim.bytes));
  console.log(group, 'verify', performance.now() - t, JSON.stringify(r.failure), r.checks.map(c=>c.name+':'+c.ms.toFixed(0)).join(' '), JSON.stringify(r.result), JSON.stringify(sim.expected.result));
  }
});
