/**
 * Prints what escrow costs (not a test: timings are printed, never asserted):
 *   node --import tsx test/recovery/measure-escrow.ts
 * Sealing runs once per server-generated credential (so it adds to credential generation for every
 * voter); opening runs on the officer's computer, once per recovered credential.
 */
import { generatePrivateCredential } from '../../src/core/credential.js';
import { requireGroup } from '../../src/core/group.js';
import { installNodePlatform } from '../../src/node/platform.js';
import { escrowCredential, generateOfficerKey, openEscrow } from '../../src/protocol/credential-escrow.js';

installNodePlatform();
for (const name of ['BELENIOS-2048', 'RFC-3526-2048']) {
  const group = requireGroup(name);
  const officer = generateOfficerKey(group);
  group.precompute(officer.publicKey.public_key);
  const count = 1000;
  const credentials = Array.from({ length: count }, () => generatePrivateCredential());
  let start = performance.now();
  const escrows = credentials.map((credential, i) =>
    escrowCredential(group, officer.publicKey.public_key, { electionId: 'E', voterId: `v${i}` }, credential),
  );
  const seal = (performance.now() - start) / count;
  const opened = 50;
  start = performance.now();
  for (const [i, escrow] of escrows.slice(0, opened).entries()) {
    if (!openEscrow(group, officer.privateKey, { electionId: 'E', voterId: `v${i}` }, escrow).ok)
      throw new Error('an escrow did not open');
  }
  const open = (performance.now() - start) / opened;
  console.log(
    `${name}: seal ${seal.toFixed(2)} ms per credential (≈ ${((seal * 40_000) / 1000).toFixed(0)} s for 40,000 voters), open ${open.toFixed(1)} ms`,
  );
}
