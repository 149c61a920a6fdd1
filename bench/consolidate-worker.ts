/**
 * Worker side of bench/consolidate.ts: builds one complete ballot-box archive (setup, ballots,
 * tally, partial decryption, result) with Scrutin's core, writes it, and answers the clear counts
 * it cast so the consolidation can be checked against them.
 */
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { load } from './harness.js';

export type ToConsolidateWorker = { readonly index: number; readonly ballots: number; readonly path: string };
export type FromConsolidateWorker =
  | { readonly index: number; readonly counts: string[] }
  | { readonly index: number; readonly error: string };

const QUESTIONS = [{ answers: ['A', 'B', 'C'], blank: true, min: 1, max: 1, question: 'Who leads?' }];

const m = {
  group: await load<typeof import('../src/core/group.js')>('core/group'),
  codec: await load<typeof import('../src/core/codec.js')>('core/codec'),
  setup: await load<typeof import('../src/protocol/setup.js')>('protocol/setup'),
  election: await load<typeof import('../src/protocol/election.js')>('protocol/election'),
  ballot: await load<typeof import('../src/protocol/ballot.js')>('protocol/ballot'),
  tally: await load<typeof import('../src/protocol/tally.js')>('protocol/tally'),
  messages: await load<typeof import('../src/protocol/messages.js')>('protocol/messages'),
  trustees: await load<typeof import('../src/protocol/trustees.js')>('protocol/trustees'),
  archive: await load<typeof import('../src/protocol/archive/archive.js')>('protocol/archive/archive'),
  platform: await load<typeof import('../src/node/platform.js')>('node/platform'),
};
m.platform.installNodePlatform();

function build({ index, ballots, path }: ToConsolidateWorker): string[] {
  const group = m.group.requireGroup('BELENIOS-2048');
  const uuid = m.setup.generateToken();
  const trustee = m.setup.generateTrusteeKey(group);
  const kinds = m.setup.makeTrustees([trustee.publicKey]);
  const credentials = m.setup.generateCredentials(uuid, group, m.setup.votersByCount(ballots));
  const made = m.setup.makeElection(
    { description: `Bench box ${index + 1}`, name: `Box ${index + 1}`, questions: QUESTIONS },
    uuid,
    group,
    kinds,
  );
  if (!made.ok) throw new Error(made.problem);
  const ctx = m.election.loadElection(made.raw);
  const appender = m.archive.ArchiveAppender.create(1_767_225_600);
  const setupData = {
    election: appender.addData(made.raw),
    trustees: appender.addData(m.codec.encode(m.messages.trusteesCodec, kinds)),
    credentials: appender.addData(JSON.stringify(credentials.publicCredentials)),
  };
  appender.addEvent('Setup', appender.addData(m.codec.encode(m.messages.setupDataCodec, setupData)));
  // Slot 0 is blank; the choices vary with the box so boxes differ.
  const counts = [0n, 0n, 0n, 0n];
  const cast: { ballot: import('../src/protocol/messages.js').Ballot; weight: bigint }[] = [];
  for (const [i, { credential }] of credentials.privateCredentials.entries()) {
    const slot = (i * 7 + index) % 9 < 4 ? 1 : (i * 7 + index) % 9 < 7 ? 2 : (i + index) % 5 === 0 ? 0 : 3;
    counts[slot]!++;
    const ballot = m.ballot.createBallot(ctx, credential, [[0, 1, 2, 3].map((j) => (j === slot ? 1 : 0))]);
    cast.push({ ballot, weight: 1n });
    appender.addEvent('Ballot', appender.addData(m.ballot.serializeBallot(ballot)));
  }
  appender.addEvent('EndBallots');
  const tally = m.tally.computeEncryptedTally(ctx, cast);
  const tallyHash = appender.addData(m.codec.encode(m.messages.encryptedTallyCodec, tally));
  appender.addEvent(
    'EncryptedTally',
    appender.addData(
      m.codec.encode(m.messages.sizedEncryptedTallyCodec, {
        num_tallied: ballots,
        total_weight: BigInt(ballots),
        encrypted_tally: tallyHash,
      }),
    ),
  );
  const partial = m.tally.computePartialDecryption(ctx, tally, trustee.privateKey.reveal());
  const partialHash = appender.addData(m.codec.encode(m.messages.partialDecryptionCodec, partial));
  appender.addEvent(
    'PartialDecryption',
    appender.addData(m.codec.encode(m.messages.ownedCodec, { owner: 1, payload: partialHash })),
  );
  const set = m.trustees.checkTrustees(group, kinds);
  if (!set.ok) throw new Error(set.problem);
  const combined = m.tally.combineFactors(group, set.set, new Map([[1, partial]]), tally);
  if (!combined.ok) throw new Error(combined.problem);
  const result = m.tally.computeResult(ctx, tally, combined.factors, BigInt(ballots));
  if (!result.ok) throw new Error(result.problem);
  appender.addEvent(
    'Result',
    appender.addData(JSON.stringify({ result: m.tally.resultToJson(result.result) })),
  );
  writeFileSync(path, appender.take());
  return counts.map(String);
}

parentPort!.on('message', (message: ToConsolidateWorker) => {
  try {
    parentPort!.postMessage({ index: message.index, counts: build(message) } satisfies FromConsolidateWorker);
  } catch (error) {
    parentPort!.postMessage({ index: message.index, error: String(error) } satisfies FromConsolidateWorker);
  }
});
